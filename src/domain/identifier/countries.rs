//! Telephone country calling codes (ITU-T E.164) and, for the countries a workspace can set as its
//! default, how numbers are dialled there: trunk prefix, fixed national length, international prefix.

/// How phone numbers are written in one country.
#[derive(Debug)]
pub(super) struct Country {
    /// ISO 3166 alpha-2, uppercase.
    pub iso: &'static str,
    /// Country calling code, without `+`.
    pub code: &'static str,
    /// National (trunk) prefixes dialled before a national number, tried in order; empty where there
    /// is none (Italy keeps its leading 0 in the number itself).
    pub trunk: &'static [&'static str],
    /// Length of the national significant number where it is fixed, else 0. A trunk prefix is only
    /// stripped when exactly this many digits remain, so a national number that happens to start with
    /// the prefix digit (Russian 800 numbers) keeps it.
    pub national_len: usize,
    /// International call prefixes used there besides 00, tried before it.
    pub idd: &'static [&'static str],
}

const fn c(iso: &'static str, code: &'static str, trunk: &'static [&'static str], national_len: usize) -> Country {
    Country { iso, code, trunk, national_len, idd: &[] }
}

impl Country {
    const fn idd(self, idd: &'static [&'static str]) -> Country {
        Country { idd, ..self }
    }
}

const NONE: &[&str] = &[];
const ZERO: &[&str] = &["0"];
const NANP: &[&str] = &["1"];
const NANP_IDD: &[&str] = &["011"];
const EX_USSR_IDD: &[&str] = &["810"];

/// Countries that can be a workspace's default. The first entry for a calling code also decides how a
/// trunk prefix typed after `+code` is dropped.
#[rustfmt::skip]
const COUNTRIES: &[Country] = &[
    // North American Numbering Plan: trunk 1, ten-digit numbers, 011 for abroad.
    c("US", "1", NANP, 10).idd(NANP_IDD), c("CA", "1", NANP, 10).idd(NANP_IDD),
    c("PR", "1", NANP, 10).idd(NANP_IDD), c("DO", "1", NANP, 10).idd(NANP_IDD),
    c("JM", "1", NANP, 10).idd(NANP_IDD), c("TT", "1", NANP, 10).idd(NANP_IDD),
    c("BS", "1", NANP, 10).idd(NANP_IDD), c("BB", "1", NANP, 10).idd(NANP_IDD),
    c("GU", "1", NANP, 10).idd(NANP_IDD),
    // Europe.
    c("GB", "44", ZERO, 0), c("IE", "353", ZERO, 0), c("FR", "33", ZERO, 0), c("DE", "49", ZERO, 0),
    c("NL", "31", ZERO, 0), c("BE", "32", ZERO, 0), c("LU", "352", NONE, 0), c("CH", "41", ZERO, 0),
    c("AT", "43", ZERO, 0), c("ES", "34", NONE, 0), c("PT", "351", NONE, 0), c("IT", "39", NONE, 0),
    c("GR", "30", NONE, 0), c("DK", "45", NONE, 0), c("NO", "47", NONE, 0), c("SE", "46", ZERO, 0),
    c("FI", "358", ZERO, 0), c("IS", "354", NONE, 0), c("PL", "48", NONE, 0), c("CZ", "420", NONE, 0),
    c("SK", "421", ZERO, 0), c("HU", "36", &["06"], 0), c("RO", "40", ZERO, 0), c("BG", "359", ZERO, 0),
    c("HR", "385", ZERO, 0), c("SI", "386", ZERO, 0), c("RS", "381", ZERO, 0), c("BA", "387", ZERO, 0),
    c("ME", "382", ZERO, 0), c("MK", "389", ZERO, 0), c("AL", "355", ZERO, 0), c("LT", "370", &["8", "0"], 8),
    c("LV", "371", NONE, 0), c("EE", "372", NONE, 0), c("CY", "357", NONE, 0), c("MT", "356", NONE, 0),
    c("UA", "380", ZERO, 0), c("MD", "373", ZERO, 0),
    // Former USSR: trunk 8, 8~10 for abroad.
    c("RU", "7", &["8"], 10).idd(EX_USSR_IDD), c("KZ", "7", &["8"], 10).idd(EX_USSR_IDD),
    c("BY", "375", &["80", "8"], 9).idd(EX_USSR_IDD), c("UZ", "998", &["8"], 9).idd(EX_USSR_IDD),
    c("GE", "995", ZERO, 0), c("AM", "374", ZERO, 0), c("AZ", "994", ZERO, 0), c("KG", "996", ZERO, 0),
    // Middle East and Africa.
    c("TR", "90", ZERO, 0), c("IL", "972", ZERO, 0), c("AE", "971", ZERO, 0), c("SA", "966", ZERO, 0),
    c("QA", "974", NONE, 0), c("KW", "965", NONE, 0), c("BH", "973", NONE, 0), c("OM", "968", NONE, 0),
    c("JO", "962", ZERO, 0), c("LB", "961", ZERO, 0), c("IQ", "964", ZERO, 0), c("IR", "98", ZERO, 0),
    c("SY", "963", ZERO, 0), c("EG", "20", ZERO, 0), c("MA", "212", ZERO, 0), c("DZ", "213", ZERO, 0),
    c("TN", "216", NONE, 0), c("NG", "234", ZERO, 0), c("GH", "233", ZERO, 0), c("KE", "254", ZERO, 0).idd(&["000"]),
    c("UG", "256", ZERO, 0).idd(&["000"]), c("TZ", "255", ZERO, 0).idd(&["000"]), c("ET", "251", ZERO, 0),
    c("RW", "250", ZERO, 0), c("ZA", "27", ZERO, 0),
    // South and Central Asia.
    c("IN", "91", ZERO, 0), c("PK", "92", ZERO, 0), c("BD", "880", ZERO, 0), c("LK", "94", ZERO, 0),
    c("NP", "977", ZERO, 0), c("AF", "93", ZERO, 0),
    // East and South-East Asia.
    c("CN", "86", ZERO, 0), c("HK", "852", NONE, 0).idd(&["001"]), c("MO", "853", NONE, 0),
    c("TW", "886", ZERO, 0).idd(&["002"]), c("JP", "81", ZERO, 0).idd(&["010"]),
    c("KR", "82", ZERO, 0).idd(&["001", "002", "005", "006", "008", "00700"]), c("KP", "850", ZERO, 0),
    c("MN", "976", ZERO, 0), c("VN", "84", ZERO, 0), c("LA", "856", ZERO, 0), c("KH", "855", ZERO, 0),
    c("TH", "66", ZERO, 0).idd(&["001"]), c("MM", "95", ZERO, 0), c("MY", "60", ZERO, 0),
    c("SG", "65", NONE, 0).idd(&["001", "002", "008"]), c("ID", "62", ZERO, 0), c("PH", "63", ZERO, 0),
    c("BN", "673", NONE, 0),
    // Oceania.
    c("AU", "61", ZERO, 0).idd(&["0011"]), c("NZ", "64", ZERO, 0), c("FJ", "679", NONE, 0),
    c("PG", "675", NONE, 0),
    // Latin America. Mexico dropped its 01/044/045 prefixes and the mobile 1 in 2019-20, but they are
    // still typed.
    c("MX", "52", &["01", "044", "045", "1"], 10), c("BR", "55", ZERO, 0), c("AR", "54", ZERO, 0),
    c("CL", "56", NONE, 0), c("CO", "57", ZERO, 10), c("PE", "51", ZERO, 0), c("VE", "58", ZERO, 0),
    c("EC", "593", ZERO, 0), c("BO", "591", ZERO, 0), c("PY", "595", ZERO, 0), c("UY", "598", ZERO, 0),
    c("CU", "53", ZERO, 0), c("GT", "502", NONE, 0), c("CR", "506", NONE, 0), c("PA", "507", NONE, 0),
    c("SV", "503", NONE, 0), c("HN", "504", NONE, 0), c("NI", "505", NONE, 0),
];

/// Every assigned country calling code, geographic or not. No code is a prefix of another, so a number
/// after `+` splits into code and national number one way only.
#[rustfmt::skip]
const CALLING_CODES: &[&str] = &[
    "1", "7",
    "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48",
    "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81",
    "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
    "211", "212", "213", "216", "218", "220", "221", "222", "223", "224", "225", "226", "227", "228", "229",
    "230", "231", "232", "233", "234", "235", "236", "237", "238", "239", "240", "241", "242", "243", "244",
    "245", "246", "247", "248", "249", "250", "251", "252", "253", "254", "255", "256", "257", "258", "260",
    "261", "262", "263", "264", "265", "266", "267", "268", "269", "290", "291", "297", "298", "299",
    "350", "351", "352", "353", "354", "355", "356", "357", "358", "359", "370", "371", "372", "373", "374",
    "375", "376", "377", "378", "379", "380", "381", "382", "383", "385", "386", "387", "389",
    "420", "421", "423",
    "500", "501", "502", "503", "504", "505", "506", "507", "508", "509", "590", "591", "592", "593", "594",
    "595", "596", "597", "598", "599",
    "670", "672", "673", "674", "675", "676", "677", "678", "679", "680", "681", "682", "683", "685", "686",
    "687", "688", "689", "690", "691", "692",
    "800", "808", "850", "852", "853", "855", "856", "870", "878", "880", "881", "882", "883", "886", "888",
    "960", "961", "962", "963", "964", "965", "966", "967", "968", "970", "971", "972", "973", "974", "975",
    "976", "977", "979", "992", "993", "994", "995", "996", "998",
];

pub(super) fn by_iso(iso: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|c| c.iso == iso)
}

pub(super) fn by_code(code: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|c| c.code == code)
}

/// Splits the digits after `+` into country calling code and national significant number.
pub(super) fn split_calling_code(digits: &str) -> Option<(&str, &str)> {
    (1..=3).filter_map(|n| Some((digits.get(..n)?, digits.get(n..)?))).find(|(code, _)| CALLING_CODES.contains(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calling_codes_are_prefix_free_and_cover_the_countries() {
        for a in CALLING_CODES {
            for b in CALLING_CODES {
                assert!(a == b || !b.starts_with(a), "{a} is a prefix of {b}");
            }
        }
        for country in COUNTRIES {
            assert!(CALLING_CODES.contains(&country.code), "{}", country.iso);
            assert!(country.iso.len() == 2 && country.iso.chars().all(|c| c.is_ascii_uppercase()));
            assert_eq!(by_iso(country.iso).map(|c| c.code), Some(country.code), "{} listed twice", country.iso);
        }
        assert!(COUNTRIES.len() >= 80);
    }

    #[test]
    fn the_countries_the_brief_names_are_there() {
        for iso in ["US", "CA", "GB", "KR", "KP", "CN", "RU", "JP", "IN", "PK", "UA", "PH", "VN", "LA", "KH", "MN"] {
            assert!(by_iso(iso).is_some(), "{iso}");
        }
        for iso in ["TH", "MY", "SG", "ID", "AE", "NG", "DE", "FR", "NL", "PL", "BR", "MX", "AU", "NZ"] {
            assert!(by_iso(iso).is_some(), "{iso}");
        }
    }

    #[test]
    fn numbers_split_after_their_calling_code() {
        assert_eq!(split_calling_code("15550102030"), Some(("1", "5550102030")));
        assert_eq!(split_calling_code("442079460958"), Some(("44", "2079460958")));
        assert_eq!(split_calling_code("85021234567"), Some(("850", "21234567")));
        assert_eq!(split_calling_code("79161234567"), Some(("7", "9161234567")));
        assert_eq!(split_calling_code("2841234567"), None);
        assert_eq!(split_calling_code("0441234567"), None);
        assert_eq!(split_calling_code("44"), Some(("44", "")));
    }
}
