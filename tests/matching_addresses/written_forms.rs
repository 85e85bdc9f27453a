//! Address pairs in written forms Publication 28 leaves open or does not cover: a unit's number with its
//! letter or fraction written apart, several designators in either order, a unit written before the house
//! number, overseas military addresses, hyphens in a number, and British and Canadian endings.

use super::{Address, Link, check_pairs};
use Link::{None as Different, Strong as Same, Weak};

/// Units, buildings and floors as people write them around the house number (rules 2026.12.8.1 and .3).
#[rustfmt::skip]
const UNITS_AND_NUMBERS: &[(&str, &str, Link)] = &[
    // A unit written first before the house number, with its fraction or its letter apart.
    ("Apt 4 1/2 9 Main St, Darby, PA", "9 Main St Apt 4 1/2, Darby, PA", Same),
    ("Apt 4 1/2 9 Main St, Darby, PA", "9 Main St Apt 4, Darby, PA", Weak),
    ("Apt 4 1/2 9 Main St, Darby, PA", "4 1/2 9 Main St, Darby, PA", Different),
    ("Apt 4 B 123 Main St, Darby, PA", "123 Main St Apt 4B, Darby, PA", Same),
    ("Apt 4 B 123 Main St, Darby, PA", "123 Main St Apt 4, Darby, PA", Weak),
    // Publication 28 section 225 and the DMM's 703.2.2.1: an overseas military address's UNIT, PSC or CMR
    // with its box is one delivery point, no street with units.
    ("UNIT 2050 BOX 4190, APO AP 96278", "Unit 2050 Box 4190 APO AP 96278", Same),
    ("UNIT 2050 BOX 4190, APO AP 96278", "UNIT 2050 BOX 4191, APO AP 96278", Different),
    ("UNIT 2050 BOX 4190, APO AP 96278", "UNIT 2051 BOX 4190, APO AP 96278", Different),
    ("PSC 802 BOX 74, APO AE 09499", "psc 802 box 74 apo ae 09499", Same),
    ("PSC 802 BOX 74, APO AE 09499", "PSC 802 BOX 75, APO AE 09499", Different),
    ("UNIT 2050 BOX 4190, FPO AP 96278", "UNIT 2050 BOX 4190, APO AP 96278", Different),
    // A unit in a building, in either order.
    ("9 Main St Apt 5 Bldg 4, Darby, PA", "9 Main St Bldg 4 Apt 5, Darby, PA", Same),
    ("9 Main St Apt 5 Bldg 4, Darby, PA", "9 Main St Bldg 5 Apt 4, Darby, PA", Weak),
    ("Apt 5, Bldg 4, 9 Main St, Darby, PA", "9 Main St Bldg 4 Apt 5, Darby, PA", Same),
    ("9 Main St Ste 200 3rd Floor, Darby, PA", "9 Main St Fl 3 Ste 200, Darby, PA", Same),
    ("9 Main St Ste 200 3rd Floor, Darby, PA", "9 Main St Fl 2 Ste 300, Darby, PA", Weak),
    // A number's letter or fraction hyphened to it: `123-A` is `123A`, `7-1/2` is `7 1/2`.
    ("7-1/2 Main St, Darby, PA", "7 1/2 Main St, Darby, PA", Same),
    ("7-1/2 Main St, Darby, PA", "7 Main St, Darby, PA", Different),
    ("123-A Main St, Darby, PA", "123A Main St, Darby, PA", Same),
    ("123-A Main St, Darby, PA", "123-B Main St, Darby, PA", Different),
    ("12 Route 9-W, Marlboro, NY", "12 Route 9W, Marlboro, NY", Same),
    ("12 Route 9-W, Marlboro, NY", "12 Route 9, Marlboro, NY", Different),
    ("9 Main St Apt 12-E, Darby, PA", "9 Main St Apt 12E, Darby, PA", Same),
    // A letter written apart after a building's, floor's or department's number is the number's, and a
    // unit, building or floor before the street with no comma goes after it.
    ("Apt 4 B, 123 Main St, Springfield, IL", "123 Main St Apt 4B, Springfield, IL", Same),
    ("Bldg 4 B, 123 Main St", "123 Main St Bldg 4B", Same),
    ("Bldg 4 B 123 Main St", "123 Main St Bldg 4B", Same),
    ("Bldg 4 123 Main St", "123 Main St Bldg 4", Same),
    ("Fl 3 123 Main St", "123 Main St Fl 3", Same),
    ("Apt 5 Bldg 4 9 Main St Springfield IL", "9 Main St Bldg 4 Apt 5, Springfield, IL", Same),
    ("9 Main St Apt 5 B Bldg 4", "9 Main St Bldg 4 Apt 5B", Same),
    ("9 Main St Apt 5 B Bldg 4", "9 Main St Bldg 4B Apt 5", Weak),
    ("9 Main St Apt 5 Bldg 4 B, Springfield, IL", "9 Main St Bldg 4B Apt 5, Springfield, IL", Same),
    ("9 Main St PH 2 Bldg 4", "9 Main St Bldg 4 PH 2", Same),
    // A letter after the last of several, with more words after it, may be its or the town's: not reordered.
    ("9 Main St Apt 5 Bldg 4 B Springfield IL 62701", "9 Main St Bldg 4 Apt 5 B Springfield IL 62701", Weak),
    ("9 Main St Apt 5 Fl 4 B Springfield IL", "9 Main St Fl 4 Apt 5 B Springfield IL", Weak),
    // A grid address's house number (Wisconsin's N6512) after a unit written first; a highway's number.
    ("Apt 4 N6512 Hwy 42, Kewaunee, WI", "N6512 Hwy 42 Apt 4, Kewaunee, WI", Same),
    ("Apt 4 N6512 Hwy 42, Kewaunee, WI", "N6512 Hwy 42, Kewaunee, WI", Weak),
    // A floor's ordinal written out.
    ("9 Main St Second Floor", "9 Main St 2nd Floor", Same),
    ("9 Main St Second Floor", "9 Main St Fl 3", Weak),
    // A plural C1 abbreviates as its singular, in a town's part with no number before it: the town's name.
    ("9 Main St, Parks, AZ", "9 Main St, Park, AZ", Different),
    ("9 Elm Parks, Denver, CO", "9 Elm Park, Denver, CO", Same),
    // Appendix B's territories and the armed forces' "states" written out.
    ("9 Main St, Charlotte Amalie, VI 00802", "9 Main St, Charlotte Amalie, Virgin Islands 00802", Same),
    ("1 Main St, Pago Pago, American Samoa 96799", "1 Main St, Pago Pago, AS 96799", Same),
    ("PSC 802 BOX 74, APO AE 09499", "PSC 802 BOX 74 APO Armed Forces Europe 09499", Same),
    ("UNIT 2050 BOX 4190, APO AP 96278", "UNIT 2050 BOX 4190, APO Armed Forces Pacific 96278", Same),
    ("UNIT 2050 BOX 4190, APO AP 96278", "UNIT 2050 BOX 4190, APO Armed Forces Europe 96278", Different),
    // Fullwidth ASCII is ASCII.
    ("\u{ff19} Main St, Denver, CO", "9 Main St, Denver, CO", Same),
    ("\u{ff19} Main St\u{ff0c} Denver\u{ff0c} CO", "9 Main St Apt 2, Denver, CO", Weak),
    // A number with a dot in it is written as it is: Flat 1.2 (floor 1, flat 2) is not Flat 12.
    ("Flat 1.2, 9 High Street, London SW1A 1AA", "Flat 12, 9 High Street, London SW1A 1AA", Weak),
    ("Flat 1.2, 9 High Street, London SW1A 1AA", "9 High Street Flat 1.2, London SW1A1AA", Same),
    ("9 Main St Fl 1.5, Springfield, IL 62701", "9 Main St Fl 15, Springfield, IL 62701", Weak),
    ("9.5 Main St, Springfield, IL 62701", "95 Main St, Springfield, IL 62701", Different),
    ("9 Main St Ste 1.02, Springfield, IL 62701", "9 Main St, Springfield, IL 62701", Weak),
    // An apostrophe between digits separates them; the em dash is the hyphen.
    ("112'10 Queens Blvd, Forest Hills, NY 11375", "11210 Queens Blvd, Forest Hills, NY 11375", Different),
    ("112\u{2014}10 Queens Blvd, Forest Hills, NY 11375", "112-10 Queens Blvd, Forest Hills, NY 11375", Same),
    // Several designators as one part written first; a penthouse first; a street with no suffix, or a
    // road's number after its suffix.
    ("Apt 5 Bldg 4, 9 Main St, Springfield, IL", "9 Main St Bldg 4 Apt 5, Springfield, IL", Same),
    ("Rm 5 Fl 2, 9 Main St, Springfield, IL", "Fl 2 Rm 5 9 Main St, Springfield, IL", Same),
    ("PH 2 9 Main St, Springfield, IL", "9 Main St PH 2, Springfield, IL", Same),
    ("Apt 4 9 Broadway, New York, NY 10006", "9 Broadway Apt 4, New York, NY 10006", Same),
    ("Unit 4 100 County Rd 12, Springfield, IL", "100 County Rd 12 Unit 4, Springfield, IL", Same),
    ("Unit 4 100 County Rd 12, Springfield, IL", "100 County Rd 14 Unit 4, Springfield, IL", Different),
    ("Apt 5 Bldg 4 B 123 Main St, Springfield, IL", "123 Main St Bldg 4B Apt 5, Springfield, IL", Same),
    ("9 Main St PH 2 B, Springfield, IL", "9 Main St PH 2B, Springfield, IL", Same),
    // Floors past the twentieth written out.
    ("9 Main St Twenty-Second Floor", "9 Main St Fl 22", Same),
    ("9 Main St Twenty-Second Floor", "9 Main St Second Floor", Weak),
    ("9 Main St Fortieth Floor", "9 Main St 40th Floor", Same),
];

#[test]
fn units_and_numbers_written_apart_or_in_another_order() {
    assert!(check_pairs(Address, UNITS_AND_NUMBERS) >= 65);
}

/// British and Canadian endings: a postcode with or without its space (the Royal Mail's format, BS 7666:
/// an outward code, then a digit and two letters; Canada Post's A1A 1A1), the country after a postcode of
/// its own, and a province written out before a Canadian postal code (Canada Post's symbols).
#[rustfmt::skip]
const ABROAD: &[(&str, &str, Link)] = &[
    ("10 Downing Street, London SW1A 2AA", "10 Downing St, London SW1A2AA", Same),
    ("10 Downing Street, London SW1A 2AA", "10 Downing Street, London, SW1A 2AA, United Kingdom", Same),
    ("10 Downing Street, London SW1A 2AA", "10 Downing Street, London SW1A 2AA, UK", Same),
    ("10 Downing Street, London SW1A 2AA", "10 Downing Street, London SW1A 2AB", Different),
    ("10 Downing Street, London SW1A 2AA", "10 Downing Street, London SW1A 1AA", Different),
    ("Flat 3, 10 High Street, Perth PH1 2AB", "10 High Street Flat 3, Perth PH12AB", Same),
    ("Flat 3, 10 High Street, Perth PH1 2AB", "10 High Street, Perth PH1 2AB", Weak),
    ("111 Wellington St, Ottawa ON K1A 0A9", "111 Wellington Street, Ottawa, Ontario K1A0A9", Same),
    ("111 Wellington St, Ottawa ON K1A 0A9", "111 Wellington St, Ottawa, Ontario, K1A 0A9, Canada", Same),
    ("111 Wellington St, Ottawa ON K1A 0A9", "111 Wellington St, Ottawa ON K1A 0B1", Different),
    ("111 Wellington St, Ottawa ON K1A 0A9", "111 Wellington St, Ottawa QC K1A 0A9", Different),
    ("1 Rue Principale, Quebec QC G1R 4P5", "1 Rue Principale, Quebec, Quebec G1R4P5, Canada", Same),
    ("200 Main St Suite 5, Vancouver BC V6B 1A1", "200 Main St, Vancouver, British Columbia V6B 1A1", Weak),
    // A country's name with no postcode of its own before it says no more than the name: kept.
    ("1 Main St, Springfield, Canada", "1 Main St, Springfield", Different),
    ("9 Main St, Springfield, IL 62701, Canada", "9 Main St, Springfield, IL 62701", Different),
    ("9 Main St, Springfield, IL 62701, England", "9 Main St, Springfield, IL 62701", Different),
    ("1 High St, Belfast BT1 5GS, Northern Ireland", "1 High St, Belfast BT1 5GS", Same),
    ("24 Sussex Drive, Ottawa, ON K1A 0A9, CA", "24 Sussex Drive, Ottawa, ON K1A 0A9", Same),
    ("24 Sussex Drive, Ottawa, CA", "24 Sussex Drive, Ottawa", Different),
    // Canada Post's French designators: appartement, bureau.
    ("100 rue Principale, app 5, Montreal, QC H2X 1Y4", "100 rue Principale apt 5, Montreal, QC H2X 1Y4", Same),
    ("100 rue Principale, bureau 200, Montreal, QC H2X 1Y4", "100 rue Principale Suite 200, Montreal, QC H2X 1Y4", Same),
    ("100 rue Principale, app 5, Montreal, QC H2X 1Y4", "100 rue Principale, app 6, Montreal, QC H2X 1Y4", Weak),
    // Publication 28's Puerto Rico urbanization, and the Virgin Islands as the US's.
    ("URB Las Gladiolas, 150 Calle A, San Juan, PR 00926", "Urbanización Las Gladiolas 150 Calle A San Juan PR 00926", Same),
    ("URB Las Gladiolas, 150 Calle A, San Juan, PR 00926", "URB Los Robles, 150 Calle A, San Juan, PR 00926", Different),
    ("1 Main St, Christiansted, U.S. Virgin Islands 00820", "1 Main St, Christiansted, VI 00820", Same),
];

#[test]
fn british_and_canadian_postcodes_and_provinces() {
    assert!(check_pairs(Address, ABROAD) >= 25);
}
