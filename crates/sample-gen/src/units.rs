//! The fictional county's procuring units and villages, and the items they buy.
//!
//! Fixed tables only.

use crate::case::{Case, Unit};
use crate::ids;

pub const JIAOTONG: &str = "青禾县交通运输局";
pub const SHUILI: &str = "青禾县水利局";
pub const JIAOYU: &str = "青禾县教育局";
pub const WEIJIAN: &str = "青禾县卫生健康局";
pub const NONGYE: &str = "青禾县农业农村局";
pub const MINZHENG: &str = "青禾县民政局";
pub const YIYUAN: &str = "青禾县人民医院";
pub const CHENGTOU: &str = "青禾县城市建设投资有限公司";
pub const SHIMEN: &str = "青禾县石门村村民委员会";
pub const LIUTANG: &str = "青禾县柳塘村村民委员会";
pub const TAOHUA: &str = "青禾县桃花社区居民委员会";

/// Government units (salaried staff, procurement), in a fixed order.
pub const GOV_UNITS: [&str; 8] = [
    JIAOTONG, SHUILI, JIAOYU, WEIJIAN, NONGYE, MINZHENG, YIYUAN, CHENGTOU,
];
pub const VILLAGES: [&str; 3] = [SHIMEN, LIUTANG, TAOHUA];
pub fn category_of(unit: &str) -> &'static str {
    match unit {
        YIYUAN => "事业编制",
        CHENGTOU => "国企管理人员",
        SHIMEN | LIUTANG => "村干部",
        TAOHUA => "社区干部",
        _ => "公务员",
    }
}

/// Items the background buys, per unit: (item, unit price).
pub fn background_items(unit: &str) -> &'static [(&'static str, f64)] {
    match unit {
        JIAOTONG => &[
            ("沥青混凝土", 680.0),
            ("交通标志牌", 1_450.0),
            ("护栏板", 320.0),
        ],
        SHUILI => &[
            ("防渗管材", 85.0),
            ("潜水泵", 3_600.0),
            ("水质检测试剂", 240.0),
        ],
        JIAOYU => &[("课桌椅", 350.0)],
        WEIJIAN => &[("消毒液", 25.0)],
        NONGYE => &[("化肥", 3_200.0), ("农药喷雾器", 480.0), ("种子", 62.0)],
        MINZHENG => &[("棉被", 200.0), ("轮椅", 780.0), ("大米", 5.5)],
        YIYUAN => &[("病床", 4_600.0), ("输液器", 3.2), ("血压计", 260.0)],
        _ => &[
            ("路灯", 2_300.0),
            ("监控摄像头", 950.0),
            ("绿化苗木", 120.0),
        ],
    }
}

pub fn declare(case: &mut Case) {
    let all = GOV_UNITS.iter().chain(VILLAGES.iter());
    for (i, name) in all.enumerate() {
        let kind = if i < 6 {
            "11"
        } else if i == 6 {
            "12"
        } else if i == 7 {
            "91"
        } else {
            "54"
        };
        let body: String = (0..9)
            .map(|k| ids::USCC_CHARS[(i * 5 + k * 3 + 1) % 31] as char)
            .collect();
        case.units.push(Unit {
            name,
            uscc: ids::uscc(kind, "430524", &body),
        });
    }
}
