//! IP and MAC addresses in canonical text form, so bids from one machine line up. It does
//! not resolve names, expand ranges, or judge whether an address is private or a
//! placeholder (`00-00-00-00-00-00`).

use std::net::Ipv6Addr;

use super::text::{all_digits, clean_text};

/// Dotted IPv4 with each part 0..=255, leading zeros dropped ("010" → "10").
fn ipv4(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split('.').collect();
    if parts.len() != 4 {
        return None;
    }
    let mut octets = Vec::with_capacity(4);
    for part in parts {
        if part.len() > 3 || !all_digits(part) {
            return None;
        }
        octets.push(part.parse::<u8>().ok()?.to_string());
    }
    Some(octets.join("."))
}

/// IPv4 with an optional `:port`.
fn ipv4_with_port(text: &str) -> Option<String> {
    match text.split_once(':') {
        Some((host, port)) if all_digits(port) => ipv4(host),
        Some(_) => None,
        None => ipv4(text),
    }
}

/// IPv6, bare or as `[addr]:port`, in its compressed lower-case form.
fn ipv6(text: &str) -> Option<String> {
    let bare = match text.strip_prefix('[') {
        Some(rest) => rest.split_once(']')?.0,
        None => text,
    };
    bare.parse::<Ipv6Addr>().ok().map(|addr| addr.to_string())
}

/// An IP address as text: cleaned and trimmed, a port removed (`1.2.3.4:8080`), IPv4
/// parts without leading zeros, IPv6 compressed and lower-cased. Anything that is not an
/// address is returned as the cleaned text. `None` when empty.
pub fn normalize_ip(raw: &str) -> Option<String> {
    let text: String = clean_text(raw).chars().filter(|c| *c != ' ').collect();
    if text.is_empty() {
        return None;
    }
    Some(
        ipv4_with_port(&text)
            .or_else(|| ipv6(&text))
            .unwrap_or(text),
    )
}

/// The 12 hex digits of a MAC written as six pairs (`:` or `-` or space), three quads
/// (`.`), or one run of twelve.
fn mac_digits(text: &str) -> Option<String> {
    let groups: Vec<&str> = text.split([':', '-', '.', ' ']).collect();
    let shape_ok = matches!(
        groups
            .iter()
            .map(|g| g.len())
            .collect::<Vec<_>>()
            .as_slice(),
        [12] | [4, 4, 4] | [2, 2, 2, 2, 2, 2]
    );
    let digits: String = groups.concat();
    (shape_ok && digits.chars().all(|c| c.is_ascii_hexdigit())).then_some(digits)
}

/// A MAC address as `AA-BB-CC-DD-EE-FF`, from `aa:bb:cc:dd:ee:ff`, `AA-BB-CC-DD-EE-FF`,
/// `aabb.ccdd.eeff` or `AABBCCDDEEFF`. Anything else is returned cleaned and upper-cased.
/// `None` when empty.
pub fn normalize_mac(raw: &str) -> Option<String> {
    let text = clean_text(raw).to_ascii_uppercase();
    if text.is_empty() {
        return None;
    }
    let Some(digits) = mac_digits(&text) else {
        return Some(text);
    };
    let pairs: Vec<&str> = (0..6)
        .filter_map(|i| digits.get(2 * i..2 * i + 2))
        .collect();
    Some(pairs.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(f: fn(&str) -> Option<String>, input: &str, expected: Option<&str>) {
        assert_eq!(f(input).as_deref(), expected, "input {input:?}");
    }

    #[test]
    fn ip_addresses() {
        let f = normalize_ip;
        check(f, "192.168.1.10", Some("192.168.1.10"));
        check(f, " 192.168.1.10 ", Some("192.168.1.10"));
        check(f, "192.168.1.10:8080", Some("192.168.1.10"));
        check(f, "192.168.001.010", Some("192.168.1.10"));
        check(f, "１９２．１６８．１．１０", Some("192.168.1.10"));
        check(f, "2001:DB8:0:0:0:0:0:1", Some("2001:db8::1"));
        check(f, "[2001:db8::1]:443", Some("2001:db8::1"));
        check(f, "::1", Some("::1"));
        // Not addresses: kept as cleaned text.
        check(f, "256.1.1.1", Some("256.1.1.1"));
        check(f, "192.168.1", Some("192.168.1"));
        check(f, "192.168.1.10:http", Some("192.168.1.10:http"));
        check(f, "1.2.3.4,5.6.7.8", Some("1.2.3.4,5.6.7.8"));
        check(f, "本地", Some("本地"));
        check(f, "", None);
        check(f, "\u{3000}", None);
    }

    #[test]
    fn mac_addresses() {
        let f = normalize_mac;
        let canonical = Some("AA-BB-CC-DD-EE-FF");
        check(f, "aa:bb:cc:dd:ee:ff", canonical);
        check(f, "AA-BB-CC-DD-EE-FF", canonical);
        check(f, "aabb.ccdd.eeff", canonical);
        check(f, "AABBCCDDEEFF", canonical);
        check(f, " aa bb cc dd ee ff ", canonical);
        check(f, "ＡＡ：ＢＢ：ＣＣ：ＤＤ：ＥＥ：ＦＦ", canonical);
        check(f, "00-1a-2B-3c-4D-5e", Some("00-1A-2B-3C-4D-5E"));
        // Near misses keep the cleaned upper-case text.
        check(f, "aa:bb:cc:dd:ee", Some("AA:BB:CC:DD:EE"));
        check(f, "aa:bb:cc:dd:ee:fg", Some("AA:BB:CC:DD:EE:FG"));
        check(f, "a:abbccddeeff", Some("A:ABBCCDDEEFF"));
        check(f, "AABBCCDDEEFF00", Some("AABBCCDDEEFF00"));
        check(f, "unknown", Some("UNKNOWN"));
        check(f, "", None);
    }
}
