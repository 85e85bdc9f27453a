//! Pairs the reference libraries of `tools/agreement/addresses.py` read otherwise than Publication 28 does,
//! as the publication reads them.

use super::{Address, Link, check_pairs};
use Link::{None as Different, Strong as Same, Weak};

/// The readings usaddress-scourgify gets wrong in `tools/agreement/addresses.py`, as Publication 28
/// reads them: C2's Trailer and Building written out before their range (section 213), a unit between
/// the street and a city that bears a state's name, West Virginia in the state position, C1's Trailers
/// (TRLRS) and Key as suffixes before a post-directional (section 233) or a unit, and C1's Commons, Causwa
/// and Crossroads; a post-directional after a period read as a unit's number, the town read into the
/// delivery line too, and C2's Upper after a street with no suffix kept as written.
#[rustfmt::skip]
pub(crate) const REFERENCE_MISREADINGS: &[(&str, &str, Link)] = &[
    ("13436 W PINE FLDS S TRLR 433B", "13436 West Pine Fields South Trailer 433B", Same),
    ("19921 SW MARTIN LUTHER KING MTN E BLDG 58A", "19921 Southwest Martin Luther King Mountain East Building 58A", Same),
    ("88985 SW LINCOLN ISS E DEPT 440A, WASHINGTON, CA 41286",
     "88985 Southwest Lincoln Islands East, Department 440A, Washington, California 41286-8255", Same),
    ("88985 SW LINCOLN ISS E DEPT 440A, WASHINGTON, CA 41286", "88985 SW LINCOLN ISS E DEPT 440A, WA 41286", Different),
    ("20756 VIRGINIA ISS NW TRLR 217A, INDIANA, DE 39766",
     "20756 Virginia Islands N.W., Trailer 217A, Indiana, Delaware 39766-6143", Same),
    ("20756 VIRGINIA ISS NW TRLR 217A, INDIANA, DE 39766", "20756 VIRGINIA ISS NW TRLR 1730, INDIANA, DE 39766", Weak),
    ("80936 WILLOW STRM W BLDG 610A, SPRINGFIELD, WV 96078",
     "80936 Willow Stream West Building 610A, Springfield, West Virginia 96078-9045", Same),
    ("80936 WILLOW STRM W BLDG 610A, SPRINGFIELD, WV 96078", "80936 WILLOW STRM W BLDG 610A, SPRINGFIELD, VA 96078", Different),
    ("6009 E MAGNOLIA TRLR E RM 40A", "6009 East Magnolia Trlrs East Room 40A", Same),
    ("6009 E MAGNOLIA TRLR E RM 40A", "6009 E MAGNOLIA TRLR RM 40A", Different),
    ("72981 E MADISON KY E FL 56", "72981 East Madison Key East Floor 56", Same),
    ("18641 NE JEFFERSON CMNS UNIT 369A", "18641 Northeast Jefferson Commons, Unit 369A", Same),
    ("62594 3RD CSWY S STE 884A", "62594 3rd Causwa South Suite 884A", Same),
    ("74821 SW PINE XRDS NE APT 592", "74821 S.W. Pine Crossroads Northeast Apartment 592", Same),
    ("74821 SW PINE XRDS NE APT 592", "74821 SW PINE XRD NE APT 592", Different),
    // A post-directional after a period is the directional, not a unit E (section 233).
    ("55425 N WASHINGTON EXTENSION. E., INDIANA, NC 96649-9513", "55425 N WASHINGTON EXTN. E., INDIANA, NORTH CAROLINA 96649", Same),
    ("55425 N WASHINGTON EXTN E, INDIANA, NC 96649", "55425 N WASHINGTON EXTN W, INDIANA, NC 96649", Different),
    // C1's Trailer before a unit is the suffix, and the unit keeps its own designator.
    ("15462 W Cedar Trlr, Unit 674, Spokane, Illinois 40072-6893", "15462 W CEDAR TRLRS. UNIT 674, SPOKANE, ILLINOIS 40072-6893", Same),
    ("15462 W CEDAR TRLR UNIT 674, SPOKANE, IL 40072", "15462 W CEDAR TRLR UNIT 675, SPOKANE, IL 40072", Weak),
    // The town is no part of the delivery line, whether a comma or a unit comes before it.
    ("56648 NE MAGNOLIA VL TRAILER 729B, GEORGETOWN, FLORIDA 37972-3261", "56648 Ne Magnolia Vl, Trlr 729B, Georgetown, Fl 37972-3261", Same),
    // After a street named with no suffix, C2's Upper written out or abbreviated is one designator.
    ("14162 the strand, uppr, marlboro, maryland 20772", "14162 THE STRAND UPPER, MARLBORO, MARYLAND 20772", Same),
    ("14162 THE STRAND UPPER, MARLBORO, MARYLAND 20772", "14162 THE STRAND, UPPER MARLBORO, MARYLAND 20772", Different),
];

/// The readings Perl's Geo::StreetAddress::US gets wrong in `tools/agreement/addresses.py --reference gsa`,
/// as Publication 28 reads them: a post-directional written with periods is the directional (sections
/// 233 and 354; the module reads "N.E." as N on the street name and E as the directional), C1's Commons, Crossroads,
/// Causwa, Trailer, Rue, Mews, Row, Wall and Ways are suffixes (its table lacks them), and C1's Trailer
/// before a post-directional is the suffix, not a C2 designator numbered by the directional.
#[rustfmt::skip]
const SECOND_REFERENCE_MISREADINGS: &[(&str, &str, Link)] = &[
    ("4417 BROOKS ST NE", "4417 Brooks St. N.E.", Same),
    ("4417 BROOKS ST NE", "4417 Brooks Street Northeast", Same),
    ("4417 BROOKS ST NE", "4417 Brooks St. N.W.", Different),
    ("4417 BROOKS ST NE", "4417 BROOKS ST E", Different),
    ("599 BAY BLVD SW, COLUMBUS, OH 43215", "599 Bay Boulevard S.W., Columbus, Ohio 43215-1234", Same),
    ("599 BAY BLVD SW APT 4", "599 Bay Blvd. S.W., Apt 5", Weak),
    ("18641 NE JEFFERSON CMNS UNIT 369A", "18641 N.E. Jefferson Commons. Unit 369A", Same),
    ("74821 SW PINE XRDS NE", "74821 S.W. Pine Crossroads N.E.", Same),
    ("29995 NW HICKORY CSWY", "29995 Northwest Hickory Causwa", Same),
    ("5582 E CHESTNUT TRLR E", "5582 East Chestnut Trailer. East", Same),
    ("5582 E CHESTNUT TRLR E", "5582 E Chestnut Trlrs E", Same),
    ("5582 E CHESTNUT TRLR E", "5582 E CHESTNUT TRLR", Different),
    ("10402 NE OAK RUE SW", "10402 Ne Oak Rue. S.W.", Same),
    ("10402 NE OAK RUE SW", "10402 NE OAK RUN SW", Different),
    ("76538 W MAIN MEWS E RM 173", "76538 West Main Mews East, Room 173", Same),
    ("63783 W WILLOW ROW SW", "63783 W. Willow Row S.W.", Same),
    ("90469 W PINE WALL NW", "90469 West Pine Wall N.W.", Same),
    ("84803 MAPLE WAYS NW", "84803 Maple Ways. N.W.", Same),
    ("84803 MAPLE WAYS NW", "84803 MAPLE WAY NW", Different),
];

#[test]
fn readings_the_reference_library_gets_wrong_match_as_publication_28_reads_them() {
    assert!(check_pairs(Address, REFERENCE_MISREADINGS) >= 22);
}

#[test]
fn readings_the_second_reference_library_gets_wrong_match_as_publication_28_reads_them() {
    assert!(check_pairs(Address, SECOND_REFERENCE_MISREADINGS) >= 19);
}
