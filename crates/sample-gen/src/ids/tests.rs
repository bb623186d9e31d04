use super::*;

#[test]
fn known_id_validates() {
    assert!(id_valid("11010519491231002X"));
    assert!(id_valid("11010519491231002x"));
    assert!(!id_valid("110105194912310021"));
}

#[test]
fn generated_ids_validate() {
    let birth = NaiveDate::from_ymd_opt(1978, 2, 28).unwrap_or_default();
    for seq in 0..200 {
        let id = id18("430524", birth, seq);
        assert!(id_valid(&id), "{id}");
        assert_eq!(id15(&id).len(), 15);
    }
}

#[test]
fn invalid_birth_date_fails() {
    let first17 = "43052419780230001";
    let id = format!("{first17}{}", id_check_char(first17).unwrap_or('0'));
    assert!(!id_valid(&id));
}

#[test]
fn credit_codes_validate() {
    // A published code of a real company (Huawei Technologies Co., Ltd.).
    assert!(uscc_valid("914403001922038216"));
    let code = uscc("91", "430524", "MA4L0K3X7");
    assert!(uscc_valid(&code), "{code}");
    assert!(!uscc_valid(&format!(
        "{}{}",
        &code[..17],
        if &code[17..] == "0" { "1" } else { "0" }
    )));
}

#[test]
fn luhn() {
    assert!(luhn_valid("4111111111111111"));
    assert!(!luhn_valid("4111111111111112"));
    let card = luhn_complete("621700123456789012");
    assert_eq!(card.len(), 19);
    assert!(luhn_valid(&card));
}
