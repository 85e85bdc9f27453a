//! Address, IP and routing-number matching against USPS Publication 28's own examples and tables, RFC
//! 4291's IPv4-mapped addresses and the ABA's assigned routing prefixes: table-driven pairs, each
//! expected to link strongly (same key), weakly (same building or network only) or not at all. The
//! expectations come from the standards, not from vetdesk's output.

mod common;
#[path = "matching_addresses/reference_misreadings.rs"]
mod reference_misreadings;
#[path = "matching_addresses/written_forms.rs"]
mod written_forms;

use vetdesk::Workspace;
use vetdesk::domain::IdentifierKind::{self, Address, Ip};
use vetdesk::store::{latest_version, schema_steps};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    Strong,
    Weak,
    None,
}
use Link::{None as Different, Strong as Same, Weak};

fn link(kind: IdentifierKind, a: &str, b: &str) -> Link {
    let (a, b) = (kind.check(a).unwrap(), kind.check(b).unwrap());
    if a.normalized == b.normalized {
        Link::Strong
    } else if a.loose.is_some() && a.loose == b.loose {
        Link::Weak
    } else {
        Link::None
    }
}

fn check_pairs(kind: IdentifierKind, pairs: &[(&str, &str, Link)]) -> usize {
    let wrong: Vec<String> = pairs
        .iter()
        .filter(|(a, b, want)| link(kind, a, b) != *want)
        .map(|(a, b, want)| {
            let (ka, kb) = (kind.check(a).unwrap(), kind.check(b).unwrap());
            format!(
                "{a:?} / {b:?}: want {want:?}, got {:?} ({:?} / {:?})",
                link(kind, a, b),
                ka.normalized,
                kb.normalized
            )
        })
        .collect();
    assert!(wrong.is_empty(), "{} of {} pairs wrong:\n{}", wrong.len(), pairs.len(), wrong.join("\n"));
    pairs.len()
}

/// Publication 28's own delivery address lines (its chapters 2 and 3; section numbers of the November
/// 2000 edition), each against the same line written out in full or punctuated, and against its
/// documented near misses.
#[rustfmt::skip]
const PUB28_EXAMPLES: &[(&str, &str, Link)] = &[
    // 213: secondary unit designators; 354: special characters.
    ("102 MAIN ST APT 101", "102 Main Street Apartment 101", Same),
    ("1356 EXECUTIVE DR STE 202", "1356 Executive Drive, Suite 202", Same),
    ("1600 CENTRAL PL BLDG 14", "1600 Central Place Building 14", Same),
    ("55 SYLVAN BLVD RM 108", "55 Sylvan Boulevard Room 108", Same),
    ("425 FLOWER BLVD # 72", "425 Flower Blvd #72", Same),
    ("6060 PRIMACY PKWY STE 201", "6060 Primacy Parkway Suite 201", Same),
    ("1500 E MAIN AVE STE 201", "1500 East Main Avenue, Suite 201", Same),
    ("5800 SPRINGFIELD GARDENS CIR", "5800 Springfield Gardens Circle", Same),
    ("1401 S. MAIN ST.", "1401 S MAIN ST", Same),
    ("12 E BUSINESS LN STE-209", "12 E BUSINESS LN STE 209", Same),
    ("12 E BUSINESS LN STE 209", "12 E BUSINESS LN", Weak),
    ("12 E BUSINESS LN STE 209", "12 E BUSINESS LN STE 210", Weak),
    ("123 MAIN ST #4545", "123 Main Street # 4545", Same),
    ("475 LENFANT PLZ SW RM 10022", "475 L'Enfant Plaza Southwest Room 10022", Same),
    ("475 LENFANT PLZ SW RM 10022", "475 LENFANT PLZ SW RM 6627", Weak),
    ("75 ST NINIAN ST SUITE 100", "75 St. Ninian Street Ste 100", Same),
    ("10 MAIN ST STE 11 PMB 234", "10 Main Street Suite 11 PMB 234", Same),
    // 233: directionals, before and after the street name, are part of the address.
    ("101 MAIN ST", "101 MAIN ST APT 12", Weak),
    ("101 MAIN ST APT 12", "101 W MAIN ST APT 12", Different),
    ("101 W MAIN ST APT 12", "101 W MAIN ST S APT 12", Different),
    ("101 W MAIN ST S APT 12", "101 West Main Street South Apartment 12", Same),
    ("234 NW SMITH ST", "234 Northwest Smith Street", Same),
    ("234 NW SMITH ST", "234 N.W. Smith St.", Same),
    ("234 NW SMITH ST", "234 SMITH ST NW", Different),
    ("678 MAIN DR S", "678 Main Drive South", Same),
    ("678 MAIN DR S", "678 S MAIN DR", Different),
    ("101 N BAY DR", "101 North Bay Drive", Same),
    ("599 BAY BLVD SW", "599 Bay Boulevard Southwest", Same),
    ("599 BAY BLVD SW", "599 BAY BLVD SE", Different),
    ("1201 BROAD ST E", "1201 Broad Street East", Same),
    ("1201 BROAD ST E", "1201 E BROAD ST", Different),
    ("4417 BROOKS ST NE", "4417 Brooks Street Northeast", Same),
    // 234.2: two suffixes.
    ("789 MAIN AVENUE DRIVE", "789 MAIN AVENUE DR", Same),
    ("4513 3RD STREET CIRCLE WEST", "4513 3RD STREET CIR W", Same),
    ("1000 AVE E", "1000 AVENUE E", Same),
    ("789 MAIN AVENUE DR", "789 MAIN DR", Different),
    // 24, 25, 28: rural routes, highway contract routes, post office boxes (284: private mailboxes).
    ("RR 2 BOX 152", "Rural Route 2 Box 152", Same),
    ("RR 9 BOX 23A", "RR 9 BOX 23a", Same),
    ("RR 2 BOX 152", "RR 2 BOX 153", Different),
    ("RFD 2 Box 45", "RR 2 Box 45", Same),
    ("RFD Route 2 Box 45", "RR 2 Box 45", Same),
    ("Rural Free Delivery 2 Box 45", "Rural Route 2 Box 45", Same),
    ("HCR 68 Box 23A", "HC 68 Box 23A", Same),
    ("Highway Contract Route 68 Box 23A", "HC 68 Box 23A", Same),
    ("HCR 68 Box 23A", "HC 68 Box 24A", Different),
    ("RFD 2 Box 45", "HCR 2 Box 45", Different),
    ("HC 68 BOX 23A", "Highway Contract 68 Box 23A", Same),
    ("PO BOX 159753", "P.O. Box 159753", Same),
    ("PO BOX 159753", "Post Office Box 159753", Same),
    ("PO BOX 159753", "PO BOX 159754", Different),
    ("PO BOX 159753 PMB 3571", "PO BOX 159753", Weak),
    // 22: last lines, with ZIP+4 and the state as its Appendix B code.
    ("1401 MAIN ST, FALLS CHURCH VA 22042-1441", "1401 Main Street, Falls Church, Virginia 22042", Same),
    ("1401 MAIN ST, FALLS CHURCH VA 22042", "1401 MAIN ST, FALLS CHURCH VA 22043", Different),
    ("123 MAGNOLIA ST, HEMPSTEAD NY 11550-1234", "123 Magnolia Street, Hempstead, New York 11550", Same),
    ("4321 MAPLE ST, ANYTOWN NY 12345, USA", "4321 MAPLE ST, ANYTOWN NY 12345", Same),
    ("4321 MAPLE ST, ANYTOWN NY 12345-6789", "4321 MAPLE ST APT 3, ANYTOWN NY 12345", Weak),
    ("1600 CENTRAL PL BLDG 14", "1600 CENTRAL PL BLDG 15", Weak),
    ("1600 CENTRAL PL BLDG 14", "1601 CENTRAL PL BLDG 14", Different),
];

/// Appendix C1: a suffix written as its primary name, or as one of its common abbreviations, is the
/// same street as the standard abbreviation; two different suffixes are different streets.
#[rustfmt::skip]
const C1_SUFFIXES: &[(&str, &str, Link)] = &[
    ("9 Willow Glen", "9 Willow GLN", Same),
    ("9 Willow Glens", "9 Willow GLNS", Same),
    ("9 Willow Glen", "9 Willow Glens", Different),
    ("14 Hidden Knoll", "14 Hidden KNL", Same),
    ("14 Hidden Knol", "14 Hidden Knoll", Same),
    ("14 Hidden Knolls", "14 Hidden KNLS", Same),
    ("14 Hidden Knoll", "14 Hidden Knolls", Different),
    ("3 Village Commons", "3 Village CMNS", Same),
    ("3 Village Common", "3 Village CMN", Same),
    ("3 Village Common", "3 Village Commons", Different),
    ("50 Oak Estates", "50 Oak ESTS", Same),
    ("50 Oak Estate", "50 Oak EST", Same),
    ("50 Oak Estate", "50 Oak Estates", Different),
    ("8 Green Meadows", "8 Green MDWS", Same),
    ("8 Green Medows", "8 Green Meadows", Same),
    ("8 Green Meadow", "8 Green Meadows", Different),
    ("21 Kings Manor", "21 Kings MNR", Same),
    ("21 Kings Manors", "21 Kings MNRS", Same),
    ("21 Kings Manor", "21 Kings Manors", Different),
    ("1 Bay Allee", "1 Bay ALY", Same),
    ("1 Bay Annex", "1 Bay ANX", Same),
    ("1 Bay Arcade", "1 Bay ARC", Same),
    ("1 Bay Avnue", "1 Bay AVE", Same),
    ("1 Bay Bayoo", "1 Bay BYU", Same),
    ("1 Bay Beach", "1 Bay BCH", Same),
    ("1 Bay Bluff", "1 Bay BLF", Same),
    ("1 Bay Bottm", "1 Bay BTM", Same),
    ("1 Bay Boulv", "1 Bay BLVD", Same),
    ("1 Bay Brnch", "1 Bay BR", Same),
    ("1 Bay Brdge", "1 Bay BRG", Same),
    ("1 Bay Bypas", "1 Bay BYP", Same),
    ("1 Bay Canyn", "1 Bay CYN", Same),
    ("1 Bay Causwa", "1 Bay CSWY", Same),
    ("1 Bay Cntr", "1 Bay CTR", Same),
    ("1 Bay Crcle", "1 Bay CIR", Same),
    ("1 Bay Corners", "1 Bay CORS", Same),
    ("1 Bay Crsent", "1 Bay CRES", Same),
    ("1 Bay Crssng", "1 Bay XING", Same),
    ("1 Bay Crossroads", "1 Bay XRDS", Same),
    ("1 Bay Divide", "1 Bay DV", Same),
    ("1 Bay Driv", "1 Bay DR", Same),
    ("1 Bay Extnsn", "1 Bay EXT", Same),
    ("1 Bay Frry", "1 Bay FRY", Same),
    ("1 Bay Forests", "1 Bay FRST", Same),
    ("1 Bay Frway", "1 Bay FWY", Same),
    ("1 Bay Grden", "1 Bay GDN", Same),
    ("1 Bay Gatewy", "1 Bay GTWY", Same),
    ("1 Bay Grov", "1 Bay GRV", Same),
    ("1 Bay Hrbor", "1 Bay HBR", Same),
    ("1 Bay Haven", "1 Bay HVN", Same),
    ("1 Bay Highwy", "1 Bay HWY", Same),
    ("1 Bay Hollows", "1 Bay HOLW", Same),
    ("1 Bay Islnds", "1 Bay ISS", Same),
    ("1 Bay Junctn", "1 Bay JCT", Same),
    ("1 Bay Lndng", "1 Bay LNDG", Same),
    ("1 Bay Lodg", "1 Bay LDG", Same),
    ("1 Bay Missn", "1 Bay MSN", Same),
    ("1 Bay Mountin", "1 Bay MTN", Same),
    ("1 Bay Orchrd", "1 Bay ORCH", Same),
    ("1 Bay Overpass", "1 Bay OPAS", Same),
    ("1 Bay Pky", "1 Bay PKWY", Same),
    ("1 Bay Plaza", "1 Bay PLZ", Same),
    ("1 Bay Prr", "1 Bay PR", Same),
    ("1 Bay Radiel", "1 Bay RADL", Same),
    ("1 Bay Ranches", "1 Bay RNCH", Same),
    ("1 Bay Ridge", "1 Bay RDG", Same),
    ("1 Bay Rvr", "1 Bay RIV", Same),
    ("1 Bay Shoars", "1 Bay SHRS", Same),
    ("1 Bay Sprngs", "1 Bay SPGS", Same),
    ("1 Bay Squ", "1 Bay SQ", Same),
    ("1 Bay Statn", "1 Bay STA", Same),
    ("1 Bay Stravenue", "1 Bay STRA", Same),
    ("1 Bay Streme", "1 Bay STRM", Same),
    ("1 Bay Sumitt", "1 Bay SMT", Same),
    ("1 Bay Trace", "1 Bay TRCE", Same),
    ("1 Bay Tracks", "1 Bay TRAK", Same),
    ("1 Bay Trafficway", "1 Bay TRFY", Same),
    ("1 Bay Tunnl", "1 Bay TUNL", Same),
    ("1 Bay Trnpk", "1 Bay TPKE", Same),
    ("1 Bay Underpass", "1 Bay UPAS", Same),
    ("1 Bay Vally", "1 Bay VLY", Same),
    ("1 Bay Viadct", "1 Bay VIA", Same),
    ("1 Bay Villiage", "1 Bay VLG", Same),
    ("1 Bay Ville", "1 Bay VL", Same),
    ("1 Bay Vsta", "1 Bay VIS", Same),
    ("1 Bay Wy", "1 Bay WAY", Same),
    ("1 Bay Wells", "1 Bay WLS", Same),
    ("1 Bay St", "1 Bay Ave", Different),
    ("1 Bay Ct", "1 Bay Cts", Different),
    ("1 Bay Spring", "1 Bay Springs", Different),
    ("1 Bay Crest", "1 Bay Crescent", Different),
    ("1 Bay Pass", "1 Bay Path", Different),
    ("1 Bay Pike", "1 Bay Pine", Different),
    ("1 Bay Run", "1 Bay Row", Different),
    ("1 Bay Loop", "1 Bay Lp", Different),
];

/// Appendix C2 and the state position: Appendix B's codes, and a city that bears a state's name.
#[rustfmt::skip]
const C2_AND_STATES: &[(&str, &str, Link)] = &[
    ("100 Park Ln Space 12", "100 Park Ln SPC 12", Same),
    ("100 Park Ln Lot 7", "100 Park Ln Lot 8", Weak),
    ("100 Park Ln Trailer 5", "100 Park Ln TRLR 5", Same),
    ("100 Park Ln Hangar 3", "100 Park Ln HNGR 3", Same),
    ("100 Park Ln Slip 4", "100 Park Ln Slip 4", Same),
    ("100 Park Ln Floor 2", "100 Park Ln FL 2", Same),
    ("100 Park Ln Floor 2", "100 Park Ln FL 3", Weak),
    ("100 Park Ln Floor 2, Miami, FL 33101", "100 Park Ln Floor 2, Miami, Florida 33101", Same),
    ("100 Park Ln Department 7", "100 Park Ln DEPT 7", Same),
    ("100 Park Ln Penthouse", "100 Park Ln PH", Same),
    ("100 Park Ln Basement", "100 Park Ln BSMT", Same),
    ("100 Park Ln Rear", "100 Park Ln Front", Weak),
    ("100 Park Ln Penthouse 2", "100 Park Ln PH 3", Weak),
    ("100 Park Ln Office 5", "100 Park Ln", Weak),
    ("100 Office Park Dr", "100 Park Dr", Different),
    ("100 Park Ln Upper", "100 Park Ln UPPR", Same),
    // A designator that needs no number, after the street and before a comma, is the street's; after a
    // comma, with more words in its part, it is the town's first word (Upper Darby PA, Front Royal VA,
    // Lower Burrell PA); with no comma either may be meant: the town strongly, the street's unit weakly.
    ("9 Main St Upper, Darby, PA", "9 Main St, Upper Darby, PA", Different),
    ("9 Main St Upper Darby PA", "9 Main St, Upper Darby, PA", Same),
    ("9 Main St Upper Darby PA", "9 Main St Upper, Darby, PA", Weak),
    ("1 Main St Front, Royal, VA", "1 Main St, Front Royal, VA", Different),
    // So with a street named without a suffix; with only the house number before it, it is the name.
    ("9 Broadway Upper, Darby, PA", "9 Broadway, Upper Darby, PA", Different),
    ("9 Broadway Upper, Darby, PA", "9 Broadway UPPR, Darby, PA", Same),
    ("9 Broadway Upper, Darby, PA", "9 Broadway, Darby, PA", Weak),
    ("9 Broadway Upper Darby PA", "9 Broadway, Upper Darby, PA", Same),
    ("9 Broadway PH 2, New York, NY", "9 Broadway, New York, NY", Weak),
    ("9 Broadway Basement Rear, Darby, PA", "9 Broadway Basement, Rear Darby, PA", Different),
    ("7 Rear, Denver, CO", "7 Rear Denver CO", Same),
    ("7 Rear, Denver, CO", "7, Denver, CO", Different),
    ("9 Broadway PH 2", "9 Broadway", Weak),
    ("9 Broadway Office 5", "9 Broadway", Weak),
    // As parts of their own after the street's, one or several, after a suffix or not.
    ("9 Broadway, Upper, Darby, PA", "9 Broadway, Upper Darby, PA", Different),
    ("9 Broadway, Upper, Saddle River, NJ 07458", "9 Broadway, Upper Saddle River, NJ 07458", Different),
    ("9 Broadway, Front, Royal, VA 22630", "9 Broadway, Front Royal, VA 22630", Different),
    ("9 Broadway, Upper, Darby, PA", "9 Broadway Upper, Darby, PA", Same),
    ("9 Broadway, PH 2, New York, NY", "9 Broadway, New York, NY", Weak),
    ("9 Broadway, Penthouse, New York, NY", "9 Broadway, New York, NY", Weak),
    ("9 Broadway, Basement, Upper Darby, PA", "9 Broadway, Upper Darby, PA", Weak),
    ("9 Main St, Basement, Upper, Darby, PA", "9 Main St Basement, Upper Darby, PA", Different),
    ("9 Main St, Basement, Upper, Darby, PA", "9 Main St Basement Upper, Darby, PA", Same),
    // With a unit after them.
    ("9 Broadway Upper Apt 3, Darby, PA", "9 Broadway Apt 3, Upper Darby, PA", Different),
    ("9 Broadway Upper Apt 3, Darby, PA", "9 Broadway Upper, Darby, PA", Weak),
    // A directional or a fraction is no name: the designator after it is the street's name.
    ("7 N Front, Philadelphia, PA", "7 N Rear, Philadelphia, PA", Different),
    ("9 1/2 Upper, Darby, PA", "9 1/2 Front, Darby, PA", Different),
    ("9 West Side, Kansas City, MO", "9 West Front, Kansas City, MO", Different),
    ("7 N Front St Rear, Philadelphia, PA", "7 N Front St, Philadelphia, PA", Weak),
    ("7 ½ Rear, Philadelphia, PA", "7 ½ Front, Philadelphia, PA", Different),
    ("7 ½ Front, Philadelphia, PA", "7 1/2 Front, Philadelphia, PA", Same),
    ("7½ Front, Philadelphia, PA", "7 1/2 Front, Philadelphia, PA", Same),
    ("7 ½ Front, Philadelphia, PA", "7 ¾ Front, Philadelphia, PA", Different),
    // A unit between the designators and the town cuts them off from it.
    ("9 Broadway Upper Apt 3 Darby PA", "9 Broadway, Upper Darby, PA", Different),
    ("9 Broadway Upper Apt 3 Darby PA", "9 Broadway, Darby, PA", Weak),
    ("9 Main St Upper Apt 3, Darby, PA", "9 Main St Upper, Apt 3, Darby, PA", Same),
    ("9 Main St Upper Apt 3 Darby PA", "9 Main St Upper Apt 3, Darby, PA", Same),
    ("9 Main St Rear Apt 3, Darby, PA", "9 Main St Apt 3, Darby, PA", Weak),
    // So with the unit in their own part, and with a `#` or their own number as the unit.
    ("9 Main St, Upper Apt 3, Darby, PA", "9 Main St, Upper Darby, PA", Different),
    ("9 Main St, Upper Apt 3, Darby, PA", "9 Main St Upper Apt 3, Darby, PA", Same),
    ("9 Broadway, Upper Apt 3, Darby, PA", "9 Broadway Upper Apt 3, Darby, PA", Same),
    ("9 Main St Basement, Upper Apt 3, Darby, PA", "9 Main St, Upper Darby, PA", Different),
    ("9 Main St Rear #3, Denver, CO", "9 Main St Rear Apt 3, Denver, CO", Same),
    ("9 Broadway Upper #3 Darby PA", "9 Broadway Upper Apt 3, Darby, PA", Same),
    ("9 Broadway Upper #3 Darby PA", "9 Broadway, Darby, PA", Weak),
    ("9 Broadway Upper PH 2 Darby PA", "9 Broadway Upper PH 2, Darby, PA", Same),
    ("9 Broadway Upper PH 2 Darby PA", "9 Broadway, Upper Darby, PA", Different),
    // A designator after a unit, the town after it in its part, is the town's first word in both keys.
    ("9 Main St Apt 3 Upper Darby PA", "9 Main St Apt 5, Upper Darby, PA", Weak),
    ("9 Main St Apt 3 Upper Darby PA", "9 Main St Apt 5, Darby, PA", Different),
    ("9 Main St Apt 3 Upper Darby PA", "9 Main St Apt 3, Upper Darby, PA", Same),
    ("9 Main St Upper Apt 3 Upper Darby PA", "9 Main St, Upper Darby, PA", Weak),
    ("9 Main St Apt 3 Upper, Darby, PA", "9 Main St, Darby, PA", Weak),
    // Several with no suffix before them and the town after them: all but the last are the street's.
    ("9 Broadway Rear Upper Darby PA", "9 Broadway Rear, Upper Darby, PA", Same),
    ("9 Broadway Rear Upper Darby PA", "9 Broadway, Upper Darby, PA", Weak),
    // A place in the building with a unit after it, written first, goes after the street.
    ("Rear #3, 9 Main St, Darby, PA", "9 Main St Rear #3, Darby, PA", Same),
    ("Upper Apt 3, 9 Main St, Darby, PA", "9 Main St, Darby, PA", Weak),
    ("Apt 4 1/2, 123 Main St, Springfield, IL", "123 Main St Apt 4 1/2, Springfield, IL", Same),
    ("Apt 4½, 123 Main St, Springfield, IL", "123 Main St, Springfield, IL", Weak),
    // A fraction in a unit's number is the unit's.
    ("9 Main St Apt 4½, Denver, CO", "9 Main St Apt 5, Denver, CO", Weak),
    ("9 Main St Apt 4 1/2, Denver, CO", "9 Main St, Denver, CO", Weak),
    ("9 Main St Apt 4 1/2, Denver, CO", "9 Main St Apt 4, Denver, CO", Weak),
    ("7 1\u{2044}2 Main St", "7 1/2 Main St", Same),
    ("1 Main St Lower, Burrell, PA 15068", "1 Main St, Lower Burrell, PA 15068", Different),
    ("9 Main St Rear, Denver, CO 80202", "9 Main St, Rear, Denver, CO 80202", Same),
    ("9 Main St REAR, Denver, CO 80202", "9 Main St Rear Denver CO 80202", Weak),
    ("9 Main St Penthouse, Denver, CO", "9 Main St PH, Denver, CO", Same),
    ("9 Main St, PH 2, Denver, CO", "9 Main St PH 2 Denver CO", Same),
    // Several designators before the town: all but the last are the street's, with a comma or without
    // (the last, with no comma, may be the town's, so "Basement Rear Denver" meets "Basement Rear, Denver"
    // weakly, as "Rear Denver" meets "Rear, Denver").
    ("9 Main St Basement Upper Darby PA", "9 Main St Basement, Upper Darby, PA", Same),
    ("9 Main St Upper, Upper Darby, PA", "9 Main St Upper Upper Darby PA", Same),
    ("9 Main St Basement Rear, Denver, CO", "9 Main St Basement Rear Denver CO", Weak),
    ("9 Main St Basement Upper Darby PA", "9 Main St Basement, Darby, PA", Weak),
    // Where the run of designators ends is kept: the street's two, or the street's one and the town's.
    ("9 Main St Basement Upper, Darby, PA", "9 Main St Basement, Upper Darby, PA", Different),
    ("9 Main St Rear Upper, Darby, PA", "9 Main St Rear, Upper Darby, PA", Different),
    ("9 Main St Basement Upper Darby PA", "9 Main St Basement Upper, Darby, PA", Weak),
    // A designator before a suffix ending its part is a word of the street's name, as is a unit's word.
    ("12 Lake Front Dr, Akron, OH", "12 Lake Dr, Akron, OH", Different),
    ("12 Park Lower Rd, Akron, OH", "12 Park Rd, Akron, OH", Different),
    ("9 Main St Rear Park City UT", "9 Main St, Park City, UT", Weak),
    ("5 Suite Rd, Dallas, TX", "5 Apartment Rd, Dallas, TX", Different),
    ("5 Suite Rd Apt 3, Dallas, TX", "5 Suite Rd, Dallas, TX", Weak),
    ("12 Lake Front Dr Apt 3, Akron, OH 44319", "12 Lake Dr Apt 7, Akron, OH 44319", Different),
    ("12 Lake Front Dr Apt 3, Akron, OH 44319", "12 Lake Front Dr, Akron, OH 44319", Weak),
    ("8 Park Side Dr Apt 2", "8 Park Dr Apt 9", Different),
    ("5 Unit Rd, Dover, DE", "5 Unit Ave, Dover, DE", Different),
    ("5 Unit Rd Apt 2, Dover, DE", "5 Unit Rd, Dover, DE", Weak),
    // Names joined by a hyphen are the names, as USPS writes them (WILKES BARRE); directions joined by
    // one are the one direction; a hyphen with a number or a single letter stays.
    ("9 Main St, Wilkes-Barre, PA 18701", "9 Main St, Wilkes Barre, PA 18701", Same),
    ("500 W 5th St, Winston-Salem, NC", "500 W Fifth St, Winston Salem, NC", Different),
    ("500 W 5th St, Winston-Salem, NC", "500 W 5th St, Winston Salem, NC", Same),
    ("12 Martin-Luther-King Blvd", "12 Martin Luther King Boulevard", Same),
    ("100 North-West Hwy, Park Ridge, IL", "100 Northwest Highway, Park Ridge, IL", Same),
    ("100 North-West Hwy, Park Ridge, IL", "100 North West Hwy, Park Ridge, IL", Different),
    ("9 Main St, Wilkes-Barre, PA", "9 Main St, Barre, PA", Different),
    ("4500 East-West Hwy, Bethesda, MD", "4500 East West Hwy, Bethesda, MD", Same),
    ("4500 East-West Hwy, Bethesda, MD", "4500 Eastwest Hwy, Bethesda, MD", Different),
    // Unicode's hyphens and en dash are the hyphen.
    ("112\u{2010}10 Roosevelt Ave, Corona, NY", "112-10 Roosevelt Ave, Corona, NY", Same),
    ("112\u{2013}10 Roosevelt Ave, Corona, NY", "112-10 Roosevelt Ave, Corona, NY", Same),
    ("112\u{2013}10 Roosevelt Ave, Corona, NY", "112 10 Roosevelt Ave, Corona, NY", Different),
    ("112-10 Queens Blvd, Forest Hills, NY", "112 10 Queens Blvd, Forest Hills, NY", Different),
    // A ZIP+4 with nothing for its hyphen after the state; nine digits elsewhere stay.
    ("9 Main St, Springfield, IL 627011234", "9 Main St, Springfield, IL 62701-1234", Same),
    ("9 Main St, Springfield, IL 627011234", "9 Main St, Springfield, IL 62701", Same),
    ("9 Main St, Springfield, IL 627011234", "9 Main St, Springfield, IL 62702-1234", Different),
    ("627011234 Main St, Springfield, IL", "62701 Main St, Springfield, IL", Different),
    // A designator hyphened to its number, and `#` between a designator and its number.
    ("9 Main St PH-2, Miami, FL 33131", "9 Main St PH 2, Miami, FL 33131", Same),
    ("9 Main St Penthouse-2, Miami, FL 33131", "9 Main St PH 2, Miami, FL 33131", Same),
    ("9 Main St Bldg #4, Miami, FL 33131", "9 Main St Bldg 4, Miami, FL 33131", Same),
    ("9 Main St PH #2", "9 Main St PH 2", Same),
    ("9 Main St Apt. #4B", "9 Main St Apt 4B", Same),
    // Saint written out is not St, which is also Street's abbreviation: folded, it made Main Street in a
    // town named Paul meet Main in Saint Paul.
    ("9 Main Street, Paul, MN", "9 Main, Saint Paul, MN", Different),
    ("9 Main St, Paul, MN", "9 Main Saint Paul MN", Different),
    ("9 Main St Ste 200, Sainte Genevieve, MO", "9 Main St, Sainte Genevieve, MO", Weak),
    // "Ste" before a name is Sainte: a town, not a suite.
    ("9 Rue Principale, Ste-Foy, QC", "9 Rue Principale, Ste-Julie, QC", Different),
    ("9 Main St, Ste Genevieve, MO 63670", "9 Main St, MO 63670", Different),
    ("9 Main St Ste 200, Ste Genevieve, MO 63670", "9 Main St Suite 200, Ste Genevieve, MO 63670", Same),
    // A British postcode's first half is no room: RM is Romford's postcode area, PH Perth's.
    ("10 High Street, Romford, RM1 3AB", "10 High Street, Romford RM7 3AB", Different),
    ("10 High Street, Perth PH1 2AB", "10 High Street, Perth PH1 5AB", Different),
    // A designator with no number before a comma takes no town as its number.
    ("9 Main St Upper Unit, Darby, PA", "9 Main St Upper Unit, Erie, PA", Different),
    ("9 Main St Apt, Darby, PA", "9 Main St Apt, Erie, PA", Different),
    ("9 Main St Apt, Darby, PA", "9 Main St, Darby, PA", Weak),
    // A designator written against its number is the two (Publication 28 writes them apart).
    ("9 Main St PH2, Darby, PA", "9 Main St PH 2, Darby, PA", Same),
    ("9 Main St Apt4B, Darby, PA", "9 Main St Apt 4B, Darby, PA", Same),
    ("9 Main St Ste200", "9 Main St Suite 200", Same),
    ("9 Main St Apt4", "9 Main St Apt5", Weak),
    ("9 Main St Apt4", "9 Main St", Weak),
    // A plural suffix before a C2 designator written out ends the street as it does before its abbreviation.
    ("86923 N Hickory Parkways, Front, Royal, VA 22630", "86923 N Hickory Pkwys Front, Royal, VA 22630", Same),
    ("9 Elm Parks Lower, Denver, CO", "9 Elm Park LOWR, Denver, CO", Same),
    ("12 Pier Ave", "12 Pier Avenue", Same),
    ("100 Park Ln Space 12", "100 Park Ln", Weak),
    ("100 Park Ln Trailer 5", "100 Park Ln # 6", Weak),
    ("100 Park Ln Apt 1, Austin, TX 78701", "100 Park Lane, Austin, Texas 78701", Weak),
    ("9 Main St Apt 2, Delaware, Ohio", "9 Main St Unit 3, Delaware, OH", Weak),
    ("9 Main St, Washington", "9 Main St, WA", Different),
    ("9 Main St, Washington", "9 Main St, Washington", Same),
    ("9 Main St, Virginia", "9 Main St, VA", Different),
    ("9 Main St, Indiana", "9 Main St, IN", Different),
    ("9 Main St, Nevada", "9 Main St, NV", Different),
    ("9 Main St, Delaware", "9 Main St, DE", Different),
    ("9 Main St, Delaware, Ohio", "9 Main St, Delaware, OH", Same),
    ("10 Main St, Spokane, Washington", "10 Main St, Spokane, WA", Same),
    ("10 Main St, Seattle, Washington 98101", "10 Main St Seattle WA 98101", Same),
    ("5 Main St, Charleston, West Virginia 25301", "5 Main St, Charleston, WV 25301", Same),
    ("1 Main St, Cheyenne, Wyoming 82001", "1 Main St, Cheyenne, WY 82001", Same),
    ("1 Main St, Kansas City, Missouri", "1 Main St, Kansas City, MO", Same),
    ("1 Main St, Kansas City, Missouri", "1 Main St, Kansas City, KS", Different),
    ("100 Texas Ave, Houston, Texas 77002", "100 Texas Avenue, Houston, TX 77002", Same),
    ("100 Texas Ave, Houston", "100 TX Ave, Houston", Different),
    ("5 North Carolina Ave, Raleigh, North Carolina", "5 N Carolina Ave, Raleigh, NC", Same),
];

#[test]
fn publication_28s_examples_match_as_the_publication_reads_them() {
    assert!(check_pairs(Address, PUB28_EXAMPLES) >= 45);
}

#[test]
fn appendix_c1_suffixes_match_their_standard_abbreviations() {
    assert!(check_pairs(Address, C1_SUFFIXES) >= 90);
}

#[test]
fn appendix_c2_designators_and_state_names_in_the_state_position() {
    assert!(check_pairs(Address, C2_AND_STATES) >= 25);
}

#[test]
fn at_least_a_hundred_address_pairs_and_both_outcomes() {
    let all: Vec<_> =
        [PUB28_EXAMPLES, C1_SUFFIXES, C2_AND_STATES, reference_misreadings::REFERENCE_MISREADINGS].concat();
    assert!(all.len() >= 100, "{}", all.len());
    for outcome in [Same, Weak, Different] {
        assert!(all.iter().filter(|(_, _, l)| *l == outcome).count() >= 10, "{outcome:?}");
    }
}

/// RFC 4291 section 2.5.5.2: an IPv4-mapped IPv6 address is the IPv4 address, and so (RFC 6052) is a
/// NAT64 address of the well-known prefix; a host route (/32 for IPv4, /128 for IPv6) is one address,
/// written in either family.
#[rustfmt::skip]
const IPS: &[(&str, &str, Link)] = &[
    ("::ffff:1.2.3.4/128", "1.2.3.4", Same),
    ("::ffff:1.2.3.4/128", "1.2.3.4/32", Same),
    ("::ffff:1.2.3.4", "::FFFF:0102:0304", Same),
    ("[::ffff:1.2.3.4]:443", "1.2.3.4:8080", Same),
    ("::ffff:1.2.3.4/128", "1.2.3.5", Weak),
    ("::ffff:1.2.3.4/128", "1.2.4.4", Different),
    ("2001:db8::1/128", "2001:DB8:0:0:0:0:0:1", Same),
    ("2001:db8::1", "2001:db8::2", Weak),
    ("2001:db8::1", "2001:db8:0:1::1", Different),
    ("::1.2.3.4", "1.2.3.4", Different),
    // RFC 6052 section 2.1: the well-known prefix embeds the IPv4 address it reaches in its last 32 bits.
    ("64:ff9b::1.2.3.4", "1.2.3.4", Same),
    ("64:ff9b::102:304", "1.2.3.5", Weak),
    ("203.0.113.7", "203.0.113[.]7", Same),
];

#[test]
fn ipv4_mapped_addresses_and_host_routes() {
    check_pairs(Ip, IPS);
    for network in ["::ffff:1.2.3.4/32", "::ffff:1.2.3.0/120", "1.2.3.4/128", "2001:db8::/64", "1.2.3.0/24"] {
        assert!(Ip.check(network).unwrap().warning.is_some(), "{network} is a network, not an address");
    }
}

#[test]
fn routing_numbers_of_reserved_values_are_refused() {
    use vetdesk::domain::identifier::aba_problem;
    // Refused: all zeros, and first two digits outside 00-12, 21-32, 61-72, 80, each with a check
    // digit that passes the 3-7-1 sum.
    for raw in ["000000000", "130000004", "200000000", "330000003", "600000000", "730000007", "810000002", "990000000"]
    {
        let problem = aba_problem(raw);
        assert!(problem.is_some(), "{raw}");
        assert!(!problem.unwrap().contains("checksum"), "{raw} fails for its digits, not its checksum");
    }
    for raw in ["000000518", "011000015", "021000021", "026009593", "211370545", "322271627", "071000013"] {
        assert_eq!(aba_problem(raw), None, "{raw}");
    }
}

/// A workspace whose addresses were keyed under the previous rules (which did not know Glen, Knoll or
/// Commons, and read a trailing "Washington" as the state) is re-keyed when opened.
#[test]
fn opening_a_workspace_keyed_under_older_rules_rekeys_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for &(version, sql) in schema_steps().iter().filter(|(v, _)| *v <= 2) {
            conn.execute_batch(sql).unwrap();
            conn.pragma_update(None, "user_version", version).unwrap();
            conn.pragma_update(None, "application_id", 0x7665_7464).unwrap();
        }
        for title in ["first", "second", "third"] {
            conn.execute(
                "INSERT INTO \"case\" (title, catalog_version, created_at, updated_at) VALUES (?1, 'old', 'x', 'x')",
                [title],
            )
            .unwrap();
        }
        common::legacy_audit_row(&conn, "case.create", Some(1));
        // As the 2026.11.1 rules keyed them: the first two did not meet, the last two did.
        for (case, raw, normalized) in [
            (1, "9 Glen Knoll Commons", "9 glen knoll commons"),
            (2, "9 GLN KNL CMNS", "9 gln knl cmns"),
            (3, "9 Gln Knl Cmns, Washington", "9 gln knl cmns wa"),
        ] {
            conn.execute(
                "INSERT INTO identifier (case_id, kind, raw, normalized, created_at) VALUES (?1, 'address', ?2, ?3, 'x')",
                rusqlite::params![case, raw, normalized],
            )
            .unwrap();
        }
    }
    assert!(latest_version() > 2);
    let ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let links = ws.links(1).unwrap();
    assert_eq!(links.len(), 1, "{links:#?}");
    assert_eq!(links[0].other_case(), Some(2));
    let rekey = ws.audit_log(None, 10, 0).unwrap().into_iter().find(|r| r.action == "workspace.rekey").unwrap();
    assert_eq!(rekey.details["identifiers"], 3, "every address key reads differently now");
    let keys: Vec<String> = rusqlite::Connection::open(&path)
        .unwrap()
        .prepare("SELECT normalized FROM identifier ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(keys, ["9 gln knl cmns", "9 gln knl cmns", "9 gln knl cmns washington"]);
}
