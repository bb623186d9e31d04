//! The relation words of household registers (与户主关系) and the role each states
//! relative to the head of household: the spelling variants, ordinals (长子, 次女, 三子…)
//! and the member's own sex where the word gives it. Words that place nobody (其他,
//! 非亲属, 保姆…) or that are not understood give `None`.

use super::Role::{self, *};
use super::Sex::{self, Female as F, Male as M};

/// The role and the member's own sex a relation word states; `None` for words that
/// place nobody (其他, 非亲属…) or that are not understood.
pub(in crate::resolve) fn role_of(word: &str) -> Option<(Role, Option<Sex>)> {
    let word = word
        .trim()
        .trim_start_matches("户主之")
        .trim_start_matches("户主的");
    exact_role(word).or_else(|| exact_role(strip_ordinal(word)?))
}

fn exact_role(word: &str) -> Option<(Role, Option<Sex>)> {
    let found = match word {
        "户主" | "本人" => (Head, None),
        "配偶" => (Spouse, None),
        "妻" | "妻子" => (Spouse, Some(F)),
        "夫" | "丈夫" => (Spouse, Some(M)),
        "子" | "儿子" | "独子" | "独生子" | "养子" | "继子" => (Child, Some(M)),
        "女" | "女儿" | "独生女" | "养女" | "继女" => (Child, Some(F)),
        "子女" | "儿女" => (Child, None),
        "儿媳" | "儿媳妇" | "媳" | "媳妇" => (ChildSpouse { via: Some(M) }, Some(F)),
        "女婿" | "婿" => (ChildSpouse { via: Some(F) }, Some(M)),
        "孙子" | "孙" => (Grandchild { via: Some(M) }, Some(M)),
        "孙女" => (Grandchild { via: Some(M) }, Some(F)),
        "孙子女" => (Grandchild { via: Some(M) }, None),
        "外孙子" | "外孙" => (Grandchild { via: Some(F) }, Some(M)),
        "外孙女" => (Grandchild { via: Some(F) }, Some(F)),
        "外孙子女" => (Grandchild { via: Some(F) }, None),
        "父亲" | "父" | "继父" | "养父" => (Parent, Some(M)),
        "母亲" | "母" | "继母" | "养母" => (Parent, Some(F)),
        "公公" | "婆婆" => (
            ParentInLaw { head: Some(F) },
            Some(if word == "公公" { M } else { F }),
        ),
        "岳父" | "岳母" => (
            ParentInLaw { head: Some(M) },
            Some(if word == "岳父" { M } else { F }),
        ),
        "祖父" | "爷爷" => (Grandparent { side: Some(M) }, Some(M)),
        "祖母" | "奶奶" => (Grandparent { side: Some(M) }, Some(F)),
        "外祖父" | "外公" | "姥爷" => (Grandparent { side: Some(F) }, Some(M)),
        "外祖母" | "外婆" | "姥姥" => (Grandparent { side: Some(F) }, Some(F)),
        "兄" | "哥" | "哥哥" => (Sibling { elder: Some(true) }, Some(M)),
        "弟" | "弟弟" => (Sibling { elder: Some(false) }, Some(M)),
        "姐" | "姐姐" => (Sibling { elder: Some(true) }, Some(F)),
        "妹" | "妹妹" => (Sibling { elder: Some(false) }, Some(F)),
        "兄弟" => (Sibling { elder: None }, Some(M)),
        "姐妹" => (Sibling { elder: None }, Some(F)),
        "兄弟姐妹" => (Sibling { elder: None }, None),
        "嫂" | "嫂子" | "兄嫂" => (
            SiblingSpouse {
                via: Some(M),
                elder: Some(true),
            },
            Some(F),
        ),
        "弟媳" | "弟妹" => (
            SiblingSpouse {
                via: Some(M),
                elder: Some(false),
            },
            Some(F),
        ),
        "姐夫" => (
            SiblingSpouse {
                via: Some(F),
                elder: Some(true),
            },
            Some(M),
        ),
        "妹夫" => (
            SiblingSpouse {
                via: Some(F),
                elder: Some(false),
            },
            Some(M),
        ),
        _ => return None,
    };
    Some(found)
}

/// "长子", "次女", "三子", "二儿子", "小女儿" → "子", "女", "儿子", "女儿"; "长媳" → "媳".
fn strip_ordinal(word: &str) -> Option<&str> {
    const ORDINALS: &str = "长次大二三四五六七八九十小幼";
    let first = word.chars().next()?;
    let rest = &word[first.len_utf8()..];
    let known = ["子", "女", "儿子", "女儿", "媳", "婿"];
    (ORDINALS.contains(first) && known.contains(&rest)).then_some(rest)
}
