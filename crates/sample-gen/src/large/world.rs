//! The populations every file of the large case draws from: people, bank cards, units,
//! villages, institutions, companies and the staff (officials and cadres) who serve in
//! them. Built once from the seed, so keys join across files.

use super::SEED;
use crate::ids;
use crate::people::{Person, PersonFactory};
use chrono::NaiveDate;

/// One official or cadre: who, where, as what, since when (all still serving).
pub struct Staff {
    pub person: usize,
    pub unit: String,
    pub position: &'static str,
    pub category: &'static str,
    pub since: NaiveDate,
}

pub struct World {
    pub people: Vec<Person>,
    /// Bank cards of the statement; card `a` is held by `people[a * 10 % n]`.
    pub cards: Vec<String>,
    /// Government units (the buyers of contracts), with their credit codes.
    pub units: Vec<String>,
    pub unit_codes: Vec<String>,
    /// Villages and communities (cadres, benefit recipients' 所属村).
    pub villages: Vec<String>,
    /// Schools and health centres (事业编制 staff); they buy nothing.
    pub institutions: Vec<String>,
    pub companies: Vec<(String, String)>,
    /// The companies' bid contact people (unique names, so bidders never share one by chance).
    pub contacts: Vec<String>,
    pub staff: Vec<Staff>,
    /// Index into `staff` of each person, or `NOT_STAFF`.
    pub staff_of: Vec<u32>,
}

pub const NOT_STAFF: u32 = u32::MAX;

const V1: [&str; 20] = [
    "石", "柳", "桃", "杨", "枫", "竹", "松", "梅", "荷", "龙", "凤", "狮", "白", "青", "黄", "金",
    "银", "玉", "云", "新",
];
const V2: [&str; 10] = ["门", "塘", "花", "林", "溪", "坪", "山", "湾", "桥", "冲"];
const CADRE_POSITIONS: [&str; 5] = ["党支部书记", "村委会主任", "村会计", "妇女主任", "村委委员"];

fn place_name(k: usize) -> String {
    let base = format!("{}{}", V1[k / 10 % 20], V2[k % 10]);
    if k < 200 {
        base
    } else {
        format!("{base}{}", k / 200 + 1)
    }
}

/// A credit code of registration type `kind` whose body is `i` (scrambled) in base 31:
/// distinct `i` give distinct codes.
pub fn code_for(kind: &str, i: u64, salt: u64) -> String {
    let mut v = i * 7_919 + 1_000_003 + salt * 104_729;
    let body: String = (0..9)
        .map(|_| {
            let c = ids::USCC_CHARS[(v % 31) as usize] as char;
            v /= 31;
            c
        })
        .collect();
    let area = crate::people::AREAS[(i % 8) as usize];
    ids::uscc(kind, area, &body)
}

impl World {
    pub fn n(&self) -> usize {
        self.people.len()
    }

    pub fn is_staff(&self, idx: usize) -> bool {
        self.staff_of[idx] != NOT_STAFF
    }

    /// The account a person's benefits are paid into: a 一卡通 card that is not in the
    /// bank statement, so no money model sees it by chance.
    pub fn benefit_card(idx: usize) -> String {
        ids::luhn_complete(&format!(
            "623054{:012}",
            500_000_000_000u64 + idx as u64 * 7
        ))
    }

    /// A person's own account: their statement card when they hold one, else their 一卡通.
    pub fn account_of(&self, idx: usize) -> String {
        if idx.is_multiple_of(10) && idx / 10 < self.cards.len() {
            self.cards[idx / 10].clone()
        } else {
            Self::benefit_card(idx)
        }
    }
}

pub fn world(n_people: u64) -> World {
    let mut factory = PersonFactory::new(SEED, false);
    let people: Vec<Person> = (0..n_people)
        .map(|i| factory.random(i % 2 == 0, 1940, 2010))
        .collect();
    let cards = (0..(n_people / 10).max(10))
        .map(|i| ids::luhn_complete(&format!("621700{:012}", 430_000_000_000u64 + i * 7_919)))
        .collect();
    let units: Vec<String> = (0..(n_people / 2_500).max(8))
        .map(|i| format!("青禾县第{}局", i + 1))
        .collect();
    let unit_codes = (0..units.len() as u64)
        .map(|i| code_for("11", i, 17))
        .collect();
    let villages = (0..(n_people as usize / 500).max(2))
        .map(|k| {
            if k % 10 == 9 {
                format!("青禾县{}社区居民委员会", place_name(k))
            } else {
                format!("青禾县{}村村民委员会", place_name(k))
            }
        })
        .collect();
    let institutions = (0..(n_people as usize / 2_000).max(3))
        .map(|k| match k % 3 {
            0 => format!("青禾县第{}中学", k / 3 + 1),
            1 => format!("青禾县第{}小学", k / 3 + 1),
            _ => format!("青禾县{}镇中心卫生院", place_name(k / 3)),
        })
        .collect();
    let companies: Vec<(String, String)> = (0..(n_people / 20).max(10))
        .map(|i| {
            (
                format!("青禾县第{}号商贸有限公司", i + 1),
                code_for("91", i, 0),
            )
        })
        .collect();
    let mut contact_factory = PersonFactory::new(SEED ^ 0xC0, true);
    let contacts = (0..companies.len())
        .map(|i| contact_factory.random_name(i % 3 != 0))
        .collect();
    let mut w = World {
        people,
        cards,
        units,
        unit_codes,
        villages,
        institutions,
        companies,
        contacts,
        staff: Vec::new(),
        staff_of: Vec::new(),
    };
    staff(&mut w);
    w
}

/// Bureau officials are the first n/100 people; cadres of every village (five each) and
/// teachers and doctors, up to n/20 in all, are spread over the rest of the population.
fn staff(w: &mut World) {
    let n = w.n();
    let bureau = (n / 100).max(1);
    for i in 0..bureau {
        w.staff.push(Staff {
            person: i,
            unit: w.units[i % w.units.len()].clone(),
            position: "科员",
            category: "公务员",
            since: NaiveDate::from_ymd_opt(2005 + (i % 18) as i32, 1 + (i % 12) as u32, 1)
                .unwrap_or_default(),
        });
    }
    let extras = (n / 20).saturating_sub(bureau);
    let step = ((n - bureau) / extras.max(1)).max(1);
    for j in 0..extras {
        let person = bureau + j * step;
        if person >= n {
            break;
        }
        let since = NaiveDate::from_ymd_opt(2012 + (j % 10) as i32, 1 + (j % 12) as u32, 1)
            .unwrap_or_default();
        let (unit, position, category) = if j < w.villages.len() * 5 {
            let v = &w.villages[j / 5];
            let cat = if v.ends_with("社区居民委员会") {
                "社区干部"
            } else {
                "村干部"
            };
            (v.clone(), CADRE_POSITIONS[j % 5], cat)
        } else {
            let u = &w.institutions[j % w.institutions.len()];
            let pos = if u.ends_with("卫生院") {
                "医生"
            } else {
                "教师"
            };
            (u.clone(), pos, "事业编制")
        };
        w.staff.push(Staff {
            person,
            unit,
            position,
            category,
            since,
        });
    }
    w.staff_of = vec![NOT_STAFF; n];
    for (s, st) in w.staff.iter().enumerate() {
        w.staff_of[st.person] = s as u32;
    }
}
