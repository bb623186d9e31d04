//! Kinship inside one household: each member's relation word is read as a role relative
//! to the head of household (户主), and two members' relation to each other is derived
//! from their two roles. Pure functions; `relations.rs` feeds them rows and stores or
//! returns what they find.
//!
//! Assumptions, the usual reading of a household register: the head's children are also
//! the children of the head's spouse; the head's father and mother are each other's
//! spouses; siblings of the head share the head's parents. Where a word points at a
//! member the register does not single out (a 女婿 when the head has two daughters, a
//! 孙子 when the head has two sons), only the relations that do not depend on which
//! member is meant are derived (女婿 is still the head's son-in-law). Words outside the
//! table (其他, 侄子, 保姆…) derive nothing. A household without a head row still relates
//! its other members through their roles.

use super::relations::RelationKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Sex {
    Male,
    Female,
}

/// A member's place relative to the head of household.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    Head,
    Spouse,
    Child,
    /// 儿媳 (the spouse of a son: `via` male) or 女婿 (of a daughter: `via` female).
    ChildSpouse {
        via: Option<Sex>,
    },
    /// 孙子/孙女 (through a son) or 外孙子/外孙女 (through a daughter).
    Grandchild {
        via: Option<Sex>,
    },
    Parent,
    /// 公公/婆婆 (the head is the wife: `head` female) or 岳父/岳母 (`head` male): the
    /// head's spouse's parent.
    ParentInLaw {
        head: Option<Sex>,
    },
    /// 祖父/祖母 (`side` male: the father's side) or 外祖父/外祖母 (female).
    Grandparent {
        side: Option<Sex>,
    },
    /// 兄/弟/姐/妹: `elder` than the head when known.
    Sibling {
        elder: Option<bool>,
    },
    /// 嫂/弟媳 (a brother's spouse), 姐夫/妹夫 (a sister's).
    SiblingSpouse {
        via: Option<Sex>,
        elder: Option<bool>,
    },
}

mod words;

pub(super) use words::role_of;
use Role::*;
use Sex::{Female as F, Male as M};

/// One member of a household as the derivation sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Member {
    pub role: Role,
    pub sex: Option<Sex>,
    /// Birth date `YYYYMMDD` from the ID number, to order siblings.
    pub birth: Option<u32>,
}

/// The derived relation of two members `a` and `b` (indices into the household): `a`
/// is the elder (parent, grandparent, parent-in-law, elder sibling, or husband) where
/// that is known. `a_is` is what `a` is to `b`, `b_is` what `b` is to `a`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Kinship {
    pub kind: RelationKind,
    pub a: usize,
    pub b: usize,
    pub a_is: String,
    pub b_is: String,
    pub words: String,
}

/// The structure of a relation before it is put into words.
enum Shape {
    Spouse,
    Parent {
        parent: usize,
        child: usize,
    },
    Grand {
        elder: usize,
        younger: usize,
        paternal: Option<bool>,
    },
    Sibling,
    /// `elder` is the parent of `younger`'s spouse.
    ParentInLaw {
        elder: usize,
        younger: usize,
    },
    /// `married` is the spouse of `other`'s sibling.
    SiblingInLaw {
        married: usize,
        other: usize,
    },
}

/// The relation of members `x` and `y` of household `h`, if their roles determine one.
pub(super) fn relate(h: &[Member], x: usize, y: usize) -> Option<Kinship> {
    let shape = shape(h, x, y).or_else(|| shape(h, y, x))?;
    Some(words(h, x, y, shape))
}

fn shape(h: &[Member], x: usize, y: usize) -> Option<Shape> {
    let (mx, my) = (h[x], h[y]);
    let parent = |parent, child| Some(Shape::Parent { parent, child });
    let in_law = |elder, younger| Some(Shape::ParentInLaw { elder, younger });
    match (mx.role, my.role) {
        (Head, Spouse) => Some(Shape::Spouse),
        (Head | Spouse, Child) => parent(x, y),
        (Head | Spouse, ChildSpouse { .. }) => in_law(x, y),
        (Head | Spouse, Grandchild { via }) => grand(x, y, via.map(|s| s == M)),
        (Head, Parent) | (Spouse, ParentInLaw { .. }) => parent(y, x),
        (Spouse, Parent) | (Head, ParentInLaw { .. }) => in_law(y, x),
        (Head, Grandparent { side }) => grand(y, x, side.map(|s| s == M)),
        (Head, Sibling { .. }) | (Child, Child) | (Sibling { .. }, Sibling { .. }) => {
            Some(Shape::Sibling)
        }
        (Spouse, Sibling { .. }) => Some(Shape::SiblingInLaw {
            married: x,
            other: y,
        }),
        (Head, SiblingSpouse { .. }) => Some(Shape::SiblingInLaw {
            married: y,
            other: x,
        }),
        (Child, ChildSpouse { via }) => {
            married_in(h, x, y, via, unique(h, |m| m.role == Child, via))
        }
        (Child, Grandchild { via }) => {
            (unique(h, |m| m.role == Child, via) == Some(x)).then_some(Shape::Parent {
                parent: x,
                child: y,
            })
        }
        (Child, Parent) => grand(y, x, head_sex(h).map(|s| s == M)),
        (Child, ParentInLaw { .. }) => grand(y, x, head_sex(h).map(|s| s == F)),
        (ChildSpouse { via }, Grandchild { via: gv }) => {
            let child = unique(h, |m| m.role == Child, via);
            (child.is_some() && child == unique(h, |m| m.role == Child, gv)).then_some(
                Shape::Parent {
                    parent: x,
                    child: y,
                },
            )
        }
        (Grandchild { via }, Grandchild { via: gv }) => {
            let child = unique(h, |m| m.role == Child, via);
            (child.is_some() && child == unique(h, |m| m.role == Child, gv))
                .then_some(Shape::Sibling)
        }
        (Parent, Parent) | (ParentInLaw { .. }, ParentInLaw { .. })
            if x != y && (mx.sex.is_none() || mx.sex != my.sex) =>
        {
            Some(Shape::Spouse)
        }
        (Parent, Sibling { .. }) => parent(x, y),
        (Parent, SiblingSpouse { .. }) => in_law(x, y),
        (Parent, Grandparent { side }) => parent_grandparent(mx.sex, side, x, y),
        (Grandparent { side }, Grandparent { side: other })
            if side.is_some() && side == other && mx.sex != my.sex =>
        {
            Some(Shape::Spouse)
        }
        (Sibling { .. }, SiblingSpouse { via, elder }) => {
            let sibling = unique(
                h,
                |m| matches!(m.role, Sibling { elder: e } if e.is_none() || elder.is_none() || e == elder),
                via,
            );
            married_in(h, x, y, via, sibling)
        }
        (Sibling { .. }, Grandparent { side }) => grand(y, x, side.map(|s| s == M)),
        _ => None,
    }
}

fn grand(elder: usize, younger: usize, paternal: Option<bool>) -> Option<Shape> {
    Some(Shape::Grand {
        elder,
        younger,
        paternal,
    })
}

/// `spouse` married into the family of `blood` through the member of sex `via` that
/// `resolved` names (if the register singles one out).
fn married_in(
    h: &[Member],
    blood: usize,
    spouse: usize,
    via: Option<Sex>,
    resolved: Option<usize>,
) -> Option<Shape> {
    match resolved {
        Some(r) if r == blood => Some(Shape::Spouse),
        Some(_) => Some(Shape::SiblingInLaw {
            married: spouse,
            other: blood,
        }),
        None if via.is_some() && h[blood].sex.is_some() && h[blood].sex != via => {
            Some(Shape::SiblingInLaw {
                married: spouse,
                other: blood,
            })
        }
        None => None,
    }
}

/// The head's father's parents are the father's parents; the mother's side are his
/// parents-in-law.
fn parent_grandparent(
    parent_sex: Option<Sex>,
    side: Option<Sex>,
    parent: usize,
    grandparent: usize,
) -> Option<Shape> {
    match (parent_sex, side) {
        (Some(p), Some(s)) if p == s => Some(Shape::Parent {
            parent: grandparent,
            child: parent,
        }),
        (Some(_), Some(_)) => Some(Shape::ParentInLaw {
            elder: grandparent,
            younger: parent,
        }),
        _ => None,
    }
}

/// The one member matching `pred` whose sex is `sex`, when the register singles one out:
/// exactly one of that sex and none of unknown sex.
fn unique(h: &[Member], pred: impl Fn(&Member) -> bool, sex: Option<Sex>) -> Option<usize> {
    let sex = sex?;
    let candidates: Vec<usize> = (0..h.len())
        .filter(|&i| pred(&h[i]) && h[i].sex != Some(other(sex)))
        .collect();
    match candidates.as_slice() {
        [only] if h[*only].sex == Some(sex) => Some(*only),
        _ => None,
    }
}

fn other(sex: Sex) -> Sex {
    match sex {
        M => F,
        F => M,
    }
}

/// The head's sex: the head row's, else the opposite of the spouse's, else what an
/// in-law word implies (岳父 means the head is the husband).
pub(super) fn head_sex(h: &[Member]) -> Option<Sex> {
    let of = |role| h.iter().find(|m| m.role == role).and_then(|m| m.sex);
    let by_in_law = || {
        h.iter().find_map(|m| match m.role {
            ParentInLaw { head } => head,
            _ => None,
        })
    };
    of(Head)
        .or_else(|| of(Spouse).map(other))
        .or_else(by_in_law)
}

/// Gives the head row the sex the household implies when its own row does not say.
pub(super) fn fill_head_sex(h: &mut [Member]) {
    let sex = head_sex(h);
    for m in h.iter_mut().filter(|m| m.role == Head && m.sex.is_none()) {
        m.sex = sex;
    }
}

fn words(h: &[Member], x: usize, y: usize, shape: Shape) -> Kinship {
    let sex = |i: usize| h[i].sex;
    match shape {
        Shape::Spouse => spouse_words(x, y, sex(x), sex(y)),
        Shape::Parent { parent, child } => {
            let a_is = pick(sex(parent), "父亲", "母亲", "父母");
            let b_is = pick(sex(child), "儿子", "女儿", "子女");
            kinship(RelationKind::ParentChild, parent, child, a_is, b_is)
        }
        Shape::Grand {
            elder,
            younger,
            paternal,
        } => {
            let (a_is, b_is) = match paternal {
                Some(true) => (
                    pick(sex(elder), "祖父", "祖母", "祖父母"),
                    pick(sex(younger), "孙子", "孙女", "孙子女"),
                ),
                Some(false) => (
                    pick(sex(elder), "外祖父", "外祖母", "外祖父母"),
                    pick(sex(younger), "外孙子", "外孙女", "外孙子女"),
                ),
                None => ("祖辈", "孙辈"),
            };
            kinship(
                RelationKind::GrandparentGrandchild,
                elder,
                younger,
                a_is,
                b_is,
            )
        }
        Shape::Sibling => sibling_words(h, x, y),
        Shape::ParentInLaw { elder, younger } => {
            let (a_is, b_is) = match sex(younger) {
                Some(M) => (pick(sex(elder), "岳父", "岳母", "岳父母"), "女婿"),
                Some(F) => (pick(sex(elder), "公公", "婆婆", "公婆"), "儿媳"),
                None => ("配偶的父母", "子女的配偶"),
            };
            kinship(RelationKind::InLaw, elder, younger, a_is, b_is)
        }
        Shape::SiblingInLaw { married, other } => kinship(
            RelationKind::InLaw,
            other,
            married,
            "配偶的兄弟姐妹",
            "兄弟姐妹的配偶",
        ),
    }
}

fn pick(
    sex: Option<Sex>,
    male: &'static str,
    female: &'static str,
    either: &'static str,
) -> &'static str {
    match sex {
        Some(M) => male,
        Some(F) => female,
        None => either,
    }
}

fn kinship(kind: RelationKind, a: usize, b: usize, a_is: &str, b_is: &str) -> Kinship {
    let words = format!("{a_is}/{b_is}");
    Kinship {
        kind,
        a,
        b,
        a_is: a_is.to_string(),
        b_is: b_is.to_string(),
        words,
    }
}

fn spouse_words(x: usize, y: usize, sx: Option<Sex>, sy: Option<Sex>) -> Kinship {
    let (a, b) = if sy == Some(M) && sx != Some(M) {
        (y, x)
    } else {
        (x, y)
    };
    let known = sx.is_some() || sy.is_some();
    let (a_is, b_is, words) = if known {
        ("丈夫", "妻子", "夫妻")
    } else {
        ("配偶", "配偶", "配偶")
    };
    Kinship {
        kind: RelationKind::Spouse,
        a,
        b,
        a_is: a_is.into(),
        b_is: b_is.into(),
        words: words.into(),
    }
}

/// Which of two siblings is the elder: from the roles (兄 of the head…), else from the
/// birth dates in their ID numbers.
fn elder_first(h: &[Member], x: usize, y: usize) -> Option<(usize, usize)> {
    let by_role = match (h[x].role, h[y].role) {
        (Head, Sibling { elder: Some(e) }) => Some(if e { (y, x) } else { (x, y) }),
        (Sibling { elder: Some(e) }, Head) => Some(if e { (x, y) } else { (y, x) }),
        (Sibling { elder: Some(true) }, Sibling { elder: Some(false) }) => Some((x, y)),
        (Sibling { elder: Some(false) }, Sibling { elder: Some(true) }) => Some((y, x)),
        _ => None,
    };
    by_role.or_else(|| match (h[x].birth, h[y].birth) {
        (Some(bx), Some(by)) if bx < by => Some((x, y)),
        (Some(bx), Some(by)) if by < bx => Some((y, x)),
        _ => None,
    })
}

fn sibling_words(h: &[Member], x: usize, y: usize) -> Kinship {
    let Some((a, b)) = elder_first(h, x, y) else {
        let words = match (h[x].sex, h[y].sex) {
            (Some(M), Some(M)) => "兄弟",
            (Some(F), Some(F)) => "姐妹",
            _ => "兄弟姐妹",
        };
        return Kinship {
            kind: RelationKind::Sibling,
            a: x,
            b: y,
            a_is: words.into(),
            b_is: words.into(),
            words: words.into(),
        };
    };
    let a_is = pick(h[a].sex, "兄", "姐", "兄姐");
    let b_is = pick(h[b].sex, "弟", "妹", "弟妹");
    let words = match (h[a].sex, h[b].sex) {
        (Some(M), Some(M)) => "兄弟".to_string(),
        (Some(F), Some(F)) => "姐妹".to_string(),
        (Some(_), Some(_)) => format!("{a_is}{b_is}"),
        _ => "兄弟姐妹".to_string(),
    };
    Kinship {
        kind: RelationKind::Sibling,
        a,
        b,
        a_is: a_is.into(),
        b_is: b_is.into(),
        words,
    }
}

/// Sex and birth date (`YYYYMMDD`) read from an 18-digit ID number.
pub(super) fn sex_and_birth(id_number: &str) -> (Option<Sex>, Option<u32>) {
    let bytes = id_number.as_bytes();
    if bytes.len() != 18 || !bytes[..17].iter().all(u8::is_ascii_digit) {
        return (None, None);
    }
    let sex = if (bytes[16] - b'0') % 2 == 1 { M } else { F };
    (Some(sex), id_number[6..14].parse().ok())
}
