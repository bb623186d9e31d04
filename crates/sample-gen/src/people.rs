//! Fictional people: names, birth dates and check-digit-valid ID numbers, never repeated
//! unless a plant asks for a namesake on purpose.
//!
//! Knows nothing of files or of which person plays which part in the case.

use crate::ids;
use crate::rng::Rng;
use chrono::NaiveDate;
use std::collections::HashSet;

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
    "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "段", "雷", "侯", "龙",
    "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴", "莫",
];
const MALE_CHARS: &[&str] = &[
    "伟", "强", "军", "明", "永", "健", "勇", "杰", "涛", "斌", "超", "辉", "刚", "平", "华", "林",
    "波", "宇", "浩", "鹏", "飞", "峰", "海", "亮", "成", "志", "国", "建", "文", "德", "福", "贵",
    "生", "荣", "新", "春", "晓", "东", "安", "庆", "光", "胜", "祥", "忠",
];
const FEMALE_CHARS: &[&str] = &[
    "芳", "娟", "敏", "静", "丽", "艳", "玲", "霞", "燕", "萍", "红", "梅", "琴", "英", "兰", "秀",
    "桂", "凤", "娜", "婷", "雪", "莉", "慧", "洁", "月", "翠", "莲", "珍", "菊", "云",
];
/// Real county-level area codes of Shaoyang, Hunan (4305xx); the county itself is fictional.
pub const AREAS: &[&str] = &[
    "430522", "430523", "430524", "430525", "430527", "430528", "430529", "430581",
];

#[derive(Clone, Debug)]
pub struct Person {
    pub name: String,
    pub id: String,
    pub birth: NaiveDate,
    pub male: bool,
}

impl Person {
    /// The legacy 15-digit form of this person's ID number.
    pub fn id15(&self) -> String {
        ids::id15(&self.id)
    }
}

/// Hands out people with unique ID numbers and (unless asked) unique names.
pub struct PersonFactory {
    rng: Rng,
    names: HashSet<String>,
    ids: HashSet<String>,
    seq: u32,
    unique_names: bool,
}

impl PersonFactory {
    pub fn new(seed: u64, unique_names: bool) -> Self {
        PersonFactory {
            rng: Rng::new(seed),
            names: HashSet::new(),
            ids: HashSet::new(),
            seq: 0,
            unique_names,
        }
    }

    fn new_id(&mut self, birth: NaiveDate, male: bool) -> String {
        loop {
            self.seq += 1;
            let area = AREAS[(self.seq as usize / 7) % AREAS.len()];
            let mut seq = (self.seq * 37 % 1000) as u16;
            if (seq % 2 == 1) != male {
                seq = (seq + 1) % 1000;
            }
            let id = ids::id18(area, birth, seq);
            if self.ids.insert(id.clone()) {
                return id;
            }
        }
    }

    /// A person with a given name (a namesake is allowed: this is how plants make them).
    pub fn named(&mut self, name: &str, male: bool, birth: NaiveDate) -> Person {
        self.names.insert(name.to_string());
        let id = self.new_id(birth, male);
        Person {
            name: name.to_string(),
            id,
            birth,
            male,
        }
    }

    /// Like [`named`](Self::named) but the ID number ends in `X`.
    pub fn named_with_x(&mut self, name: &str, male: bool, birth: NaiveDate) -> Person {
        loop {
            let p = self.named(name, male, birth);
            if p.id.ends_with('X') {
                return p;
            }
        }
    }

    pub fn random_name(&mut self, male: bool) -> String {
        loop {
            let surname = *self.rng.pick(SURNAMES);
            let chars = if male { MALE_CHARS } else { FEMALE_CHARS };
            let mut name = format!("{surname}{}", self.rng.pick(chars));
            if self.rng.chance(75) {
                let ch: &&str = self.rng.pick(chars);
                name.push_str(ch);
            }
            if !self.unique_names || self.names.insert(name.clone()) {
                return name;
            }
        }
    }

    /// A random person born between the two years (inclusive).
    pub fn random(&mut self, male: bool, from_year: i32, to_year: i32) -> Person {
        let name = self.random_name(male);
        let birth = self.random_birth(from_year, to_year);
        let id = self.new_id(birth, male);
        Person {
            name,
            id,
            birth,
            male,
        }
    }

    pub fn random_birth(&mut self, from_year: i32, to_year: i32) -> NaiveDate {
        let year = self.rng.range(from_year as i64, to_year as i64) as i32;
        let day = self.rng.range(0, 364);
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default() + chrono::Days::new(day as u64)
    }
}

/// `yyyy-mm-dd` → NaiveDate for literals in plants; panics only on a typo in this crate.
pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date literal in the generator")
}
