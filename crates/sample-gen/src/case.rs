//! The case being built in memory: its output files (as sheets), the registry-side
//! facts plants need to refer to (units, companies), and the expectations list.
//!
//! Builds nothing by itself: `background` and the `plants*` modules fill it, `small`
//! writes it out, `report` describes it.

use crate::bank::Statement;
use crate::people::{Person, PersonFactory};
use crate::rng::Rng;
use crate::writers::{Encoding, Sheet};
use chrono::NaiveDate;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Format {
    Xlsx,
    Csv(Encoding),
}

/// One output file.
pub struct OutFile {
    pub name: &'static str,
    /// Extract kind from the data dictionary (`officials`, …, `list`).
    pub kind: &'static str,
    pub format: Format,
    pub sheets: Vec<Sheet>,
    /// Layout and messiness, for the README (Chinese, English).
    pub about: (&'static str, &'static str),
}

/// Where a supporting record sits: file, sheet, 1-based row number.
#[derive(Clone, Debug)]
pub struct Ref {
    pub file: &'static str,
    pub sheet: String,
    pub row: usize,
}

/// One planted true case or near-miss.
pub struct Expect {
    pub model: &'static str,
    pub planted: bool,
    /// (role, identifier): ID numbers, credit codes, account numbers, tender and contract numbers.
    pub subjects: Vec<(&'static str, String)>,
    pub zh: String,
    pub en: String,
    pub refs: Vec<Ref>,
}

/// A procuring unit (机关/事业单位/村委会).
#[derive(Clone, Debug)]
pub struct Unit {
    pub name: &'static str,
    pub uscc: String,
}

#[derive(Clone, Debug)]
pub struct Company {
    pub name: String,
    pub uscc: String,
    pub phone: String,
    pub address: String,
    pub legal: Person,
    pub account: String,
    pub bank: &'static str,
}

pub struct Case {
    pub files: Vec<OutFile>,
    pub expects: Vec<Expect>,
    pub people: PersonFactory,
    pub rng: Rng,
    pub units: Vec<Unit>,
    pub counters: Counters,
    /// Everyone written to the officials file, for salaries and for plants.
    pub staff: Vec<Staff>,
    /// (ID number, month 1–12 of 2023, unit, row) of every salary row.
    pub salary_rows: Vec<(String, u32, &'static str, usize)>,
    /// Bank statements, written out by `bank::write_all`.
    pub statements: Vec<Statement>,
    /// Every company written to the business registry.
    pub companies: Vec<Company>,
}

/// One tenure of one person in one unit.
#[derive(Clone, Debug)]
pub struct Staff {
    pub person: Person,
    pub unit: &'static str,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

/// Running numbers for generated identifiers.
#[derive(Default)]
pub struct Counters {
    pub household: u32,
    pub company: u32,
    pub contract: u32,
    pub account: u32,
}

impl Case {
    pub fn new(seed: u64) -> Self {
        Case {
            files: Vec::new(),
            expects: Vec::new(),
            people: PersonFactory::new(seed ^ 0x5EED, true),
            rng: Rng::new(seed),
            units: Vec::new(),
            counters: Counters::default(),
            staff: Vec::new(),
            salary_rows: Vec::new(),
            statements: Vec::new(),
            companies: Vec::new(),
        }
    }

    pub fn add_file(&mut self, file: OutFile) {
        self.files.push(file);
    }

    pub fn file_mut(&mut self, name: &str) -> &mut OutFile {
        self.files
            .iter_mut()
            .find(|f| f.name == name)
            .expect("file registered before use (generator bug)")
    }

    /// The first (usually only) sheet of a file.
    pub fn sheet(&mut self, name: &str) -> &mut Sheet {
        &mut self.file_mut(name).sheets[0]
    }

    pub fn unit(&self, name: &str) -> Unit {
        self.units
            .iter()
            .find(|u| u.name == name)
            .cloned()
            .expect("unit registered before use (generator bug)")
    }

    /// Starts an expectation; returns its index for [`Case::cite`].
    pub fn expect(
        &mut self,
        model: &'static str,
        planted: bool,
        subjects: Vec<(&'static str, String)>,
        zh: String,
        en: String,
    ) -> usize {
        self.expects.push(Expect {
            model,
            planted,
            subjects,
            zh,
            en,
            refs: Vec::new(),
        });
        self.expects.len() - 1
    }

    /// Records a supporting row for expectation `idx`.
    pub fn cite(&mut self, idx: usize, file: &'static str, row: usize) {
        let sheet = self.sheet(file).name.clone();
        self.expects[idx].refs.push(Ref { file, sheet, row });
    }

    pub fn cite_sheet(&mut self, idx: usize, file: &'static str, sheet: &str, row: usize) {
        self.expects[idx].refs.push(Ref {
            file,
            sheet: sheet.to_string(),
            row,
        });
    }
}
