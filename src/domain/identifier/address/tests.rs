//! Addresses as Publication 28 writes them, and as people type them.

use super::super::tests::norm;
use crate::domain::IdentifierKind::Address;

fn address(raw: &str) -> String {
    norm(Address, raw).normalized
}

#[test]
fn a_full_us_address_folds_to_its_short_form() {
    let c = norm(Address, "123 Main Street, Apt. #4B, Springfield, Illinois 62704-1234, USA");
    assert_eq!(c.normalized, "123 main st unit 4b springfield il 62704");
    assert_eq!(c.loose.as_deref(), Some("123 main st springfield il 62704"));
    assert_eq!(c.warning, None);
    assert_eq!(address("123 MAIN ST., SPRINGFIELD, IL 62704"), "123 main st springfield il 62704");
}

#[test]
fn every_way_of_writing_a_unit_is_one_marker() {
    for unit in ["Apt 4B", "#4B", "Unit 4B", "Apt. #4B", "Suite 4B", "Ste 4b", "apartment 4b", "Apt#4B", "# 4B"] {
        let raw = format!("12 Oak Road {unit}, Denver, CO 80202");
        assert_eq!(address(&raw), "12 oak rd unit 4b denver co 80202", "{raw}");
    }
}

/// A unit written first, as its own part of the address or before the street in the same part, is the
/// same unit as written after the street.
#[test]
fn a_unit_written_first_is_the_streets_unit() {
    let after = norm(Address, "1420 N Maple St, Apt 3B, Phoenix, AZ 85004");
    for first in [
        "Apt 3B, 1420 N Maple St, Phoenix, AZ 85004",
        "#3B, 1420 North Maple Street, Phoenix, AZ 85004",
        "Apt 3B 1420 N Maple St Phoenix AZ 85004",
    ] {
        let c = norm(Address, first);
        assert_eq!(
            (c.normalized.as_str(), c.loose.as_deref()),
            (after.normalized.as_str(), after.loose.as_deref()),
            "{first}"
        );
    }
    assert_eq!(
        norm(Address, "Apt 3B 1420 N Maple St NW, Phoenix, AZ 85004").normalized,
        norm(Address, "1420 N Maple St NW, Apt 3B, Phoenix, AZ 85004").normalized
    );
    // Another unit of the building is still another unit; a street named Apartment is not a unit.
    assert_ne!(norm(Address, "Apt 3C, 1420 N Maple St, Phoenix, AZ 85004").normalized, after.normalized);
    // A unit with no street names no building: no weaker key, and the check says so.
    let streetless = norm(Address, "Unit 3B, Phoenix, AZ 85004");
    assert_eq!((streetless.normalized.as_str(), streetless.loose), ("unit 3b phoenix az 85004", None));
    assert!(streetless.warning.is_some_and(|w| w.contains("no street")));
}

/// A unit's number and letter written apart ("4-B", "4/B", "4 B") are one unit; digits on both sides
/// of a hyphen ("12-3") and a letter before the street are left as written.
#[test]
fn a_units_number_and_letter_written_apart_are_one_unit() {
    let one = norm(Address, "9 Oak Rd Apt 4B, Austin, TX 78701");
    assert_eq!(one.normalized, "9 oak rd unit 4b austin tx 78701");
    for unit in ["Apt 4-B", "Apt 4 B", "Apt. 4/B", "#4-B", "Unit 4 b"] {
        let c = norm(Address, &format!("9 Oak Rd {unit}, Austin, TX 78701"));
        assert_eq!(
            (c.normalized.as_str(), c.loose.as_deref()),
            (one.normalized.as_str(), one.loose.as_deref()),
            "{unit}"
        );
    }
    assert_eq!(norm(Address, "9 Oak Rd Apt B-4, Austin, TX 78701").normalized, "9 oak rd unit b4 austin tx 78701");
    assert_eq!(norm(Address, "9 Oak Rd Apt 12-3, Austin, TX 78701").normalized, "9 oak rd unit 12-3 austin tx 78701");
    assert_ne!(norm(Address, "9 Oak Rd Apt 4-C, Austin, TX 78701").normalized, one.normalized);
}

/// Unicode NFC first (UAX #15): a street or city typed with combining marks is the composed one.
#[test]
fn combining_marks_are_composed() {
    let composed = norm(Address, "K\u{f6}nigstra\u{df}e 5, K\u{f6}ln");
    let decomposed = norm(Address, "Ko\u{308}nigstra\u{df}e 5, Ko\u{308}ln");
    assert_eq!(decomposed, composed);
    assert_eq!(composed.normalized, "k\u{f6}nigstra\u{df}e 5 k\u{f6}ln");
}

#[test]
fn another_unit_in_the_same_building_is_a_weak_link_only() {
    let (a, b) = (norm(Address, "12 Oak Rd Apt 4B, Denver CO"), norm(Address, "12 Oak Road, Unit 7, Denver, CO"));
    assert_ne!(a.normalized, b.normalized);
    assert_eq!(a.loose, b.loose);
    assert_eq!(a.loose.as_deref(), Some("12 oak rd denver co"));
    assert_eq!(norm(Address, "12 Oak Rd, Denver, CO").loose, a.loose, "the building itself is in the building");
    let (c, d) = (norm(Address, "12 Oak Rd Bldg 2 Apt 4"), norm(Address, "12 Oak Rd Floor 3"));
    assert_eq!((c.loose.as_deref(), d.loose.as_deref()), (Some("12 oak rd"), Some("12 oak rd")));
    // C2's floor written as an ordinal is the floor with its range.
    let floors = ["1 Main St Fl 2", "1 Main St 2nd Floor", "1 Main St, 2nd Fl", "1 Main St Floor 2"];
    for raw in floors {
        let c = norm(Address, raw);
        assert_eq!((c.normalized.as_str(), c.loose.as_deref()), ("1 main st fl 2", Some("1 main st")), "{raw}");
    }
    assert_ne!(address("1 Main St 3rd Floor"), address("1 Main St 2nd Floor"));
    assert_eq!(address("22 2nd St"), "22 2nd st", "an ordinal street is no floor");
    assert_eq!(norm(Address, "12 Oak Rd, Miami, FL 33101").loose.as_deref(), Some("12 oak rd miami fl 33101"));
    // Publication 28's designators that need no range, after the street: a place in the building.
    for unit in ["Penthouse 2", "PH 2", "Office 5", "Ofc 5", "Basement", "Rear", "Upper", "Lobby", "Side", "Front"] {
        let raw = format!("9 Main St {unit}, Denver, CO 80202");
        assert_eq!(norm(Address, &raw).loose.as_deref(), Some("9 main st denver co 80202"), "{raw}");
    }
    assert_eq!(norm(Address, "9 Main St N Rear").loose.as_deref(), Some("9 main st n"));
    // Elsewhere they are words of a name.
    assert_eq!(norm(Address, "100 Office Park Dr").loose.as_deref(), Some("100 ofc park dr"));
    assert_eq!(norm(Address, "7 Front St, Salem, MA").loose.as_deref(), Some("7 frnt st salem ma"));
    // A town named after the street's segment is no place in the building.
    let (upper, plain) = (
        norm(Address, "10 Main St, Upper Saddle River, NJ 07458"),
        norm(Address, "10 Main St, Saddle River, NJ 07458"),
    );
    assert_ne!(upper.loose, plain.loose);
    assert_eq!(norm(Address, "9 Main St Rear, Denver, CO").loose.as_deref(), Some("9 main st denver co"));
    // Before a comma it is marked as the street's unit in the strong key, and not the town's first word.
    assert_eq!(address("9 Main St Upper, Darby, PA"), "9 main st unit uppr darby pa");
    assert_eq!(address("9 Main St, Upper, Darby, PA"), "9 main st unit uppr darby pa");
    assert_eq!(address("9 Main St, Upper Darby, PA"), "9 main st uppr darby pa");
    assert_eq!(address("9 Main St Upper Darby PA"), "9 main st uppr darby pa", "no comma: the town's");
    assert_eq!(address("9 Main St Upper"), "9 main st uppr", "no town after it: nothing to tell apart");
}

/// A directional that is the street's whole name (FGDC address standard: "Directional words are often used
/// as or in the Street Name (e.g. North Avenue)"; Washington's lettered streets: S Street NW) is kept as
/// written: North Avenue and N Avenue are not one street for certain, so they link weakly, not strongly.
#[test]
fn a_directional_that_is_the_streets_name_is_kept_as_written() {
    for (a, b) in [
        ("1500 S St NW, Washington, DC 20009", "1500 South St NW, Washington, DC 20009"),
        ("100 North St, Springfield, IL 62701", "100 N St, Springfield, IL 62701"),
        ("100 East Ave", "100 E Ave"),
    ] {
        let (x, y) = (norm(Address, a), norm(Address, b));
        assert_ne!(x.normalized, y.normalized, "{a} / {b}");
        assert_eq!(x.loose, y.loose, "{a} / {b}: the same street address, maybe");
    }
    // Before a name and its suffix, it is a directional, written either way.
    assert_eq!(address("100 North Park Ave"), address("100 N Park Ave"));
    assert_eq!(address("9 West Elm Street Northeast"), "9 w elm st ne");
    assert_eq!(address("1500 South St NW, Washington, DC"), "1500 south st nw washington dc");
}

#[test]
fn suffixes_and_directionals_are_abbreviated() {
    assert_eq!(
        address("1600 Pennsylvania Avenue Northwest, Washington, DC 20500"),
        "1600 pennsylvania ave nw washington dc 20500"
    );
    assert_eq!(address("500 N.W. Lakeview Boulevard"), "500 nw lakeview blvd");
    assert_eq!(address("9 South West Terrace"), "9 s w ter");
    assert_eq!(address("77 Southwest Parkway"), "77 southwest pkwy", "the directional is the street's name");
    assert_eq!(address("77 SW Lakeview Parkway"), "77 sw lakeview pkwy");
    assert_eq!(address("4 O'Connell Street Lower"), "4 oconnell st lowr", "C2's LOWR");
    assert_eq!(address("200 Ocean Way"), "200 ocean way");
}

#[test]
fn state_names_become_codes_only_before_a_zip_or_at_the_end() {
    assert_eq!(address("10 Washington Ave, Seattle, Washington 98101"), "10 washington ave seattle wa 98101");
    assert_eq!(address("10 Washington Avenue, Spokane, Washington"), "10 washington ave spokane wa");
    assert_eq!(address("1 Virginia St, Charleston, West Virginia 25301"), "1 virginia st charleston wv 25301");
    assert_eq!(address("5 Main St, Raleigh, North Carolina 27601, United States"), "5 main st raleigh nc 27601");
    assert_eq!(address("5 North Carolina Ave"), "5 n carolina ave");
    assert_eq!(address("350 Fifth Avenue, New York, NY 10118"), "350 fifth ave new york ny 10118");
}

#[test]
fn a_state_name_is_a_state_only_where_a_state_stands() {
    // The case: a city that is also a state's name does not become the state.
    assert_eq!(address("9 Main St, Washington"), "9 main st washington");
    assert_ne!(address("9 Main St, Washington"), address("9 Main St, WA"));
    assert_eq!(address("9 Main St, Spokane Washington"), "9 main st spokane wa");
    assert_eq!(address("9 Main St, Washington 98101"), "9 main st wa 98101", "before the ZIP");
    assert_eq!(address("9 Main St Washington"), "9 main st washington", "no city, no ZIP");
    assert_eq!(address("1 Main St, Delaware, Ohio"), "1 main st delaware oh");
    assert_eq!(address("12 Oak Rd, Laramie, WY 82070"), address("12 Oak Road, Laramie, Wyoming 82070"));
    assert_eq!(address("12 Wy Rd"), "12 way rd", "C1's WY elsewhere");
}

#[test]
fn publication_28s_other_designators_are_units_when_a_range_follows() {
    let space = norm(Address, "100 Park Ln Space 12, Austin, TX 78701");
    assert_eq!(space.normalized, "100 park ln unit 12 austin tx 78701");
    assert_eq!(space.loose.as_deref(), Some("100 park ln austin tx 78701"));
    assert_eq!(address("12 Pier Ave"), "12 pier ave");
    assert_eq!(address("12 Trailer Park Rd"), "12 trlr park rd");
    assert_eq!(address("10 Main St Ste 11 PMB 234"), "10 main st unit 11 unit 234");
    assert_eq!(address("1 Main St Penthouse"), "1 main st ph");
    assert_eq!(address("Rural Route 2 Box 152"), "rr 2 box 152");
    assert_eq!(address("8 1st Flat S"), "8 1st flt s", "C1's Flat");
    assert_eq!(address("Flat 3, 8 High St"), "8 high st unit 3", "written first, the street's unit");
    assert_eq!(address("6 Magnolia Trlr E Rm 40"), "6 magnolia trlr e unit 40", "E is a directional");
}

#[test]
fn post_office_boxes_are_one_form() {
    for raw in ["P.O. Box 42", "PO Box 42", "Post Office Box 42", "p o box 42", "POBox 42", "P.O.Box 42", "po. box 42"]
    {
        assert_eq!(address(raw), "po box 42", "{raw}");
    }
}

#[test]
fn a_us_address_splits_into_the_forms_fields_as_typed() {
    use super::{AddressParts, address_parts};
    let p = address_parts("4410 Cactus Ridge Drive, Apartment 12, Phoenix, AZ 85032, USA").unwrap();
    let want = AddressParts {
        street: "4410 Cactus Ridge Drive".into(),
        suite: "Apartment 12".into(),
        city: "Phoenix".into(),
        state: "AZ".into(),
        zip: "85032".into(),
        country: "USA".into(),
    };
    assert_eq!(p, want);
    let p = address_parts("12 Oak Rd Apt 4B\nDenver CO 80202-1234").unwrap();
    assert_eq!(
        (p.street.as_str(), p.suite.as_str(), p.city.as_str(), p.state.as_str(), p.zip.as_str()),
        ("12 Oak Rd", "Apt 4B", "Denver", "CO", "80202-1234")
    );
    let p = address_parts("5 Main St, Raleigh, North Carolina").unwrap();
    assert_eq!((p.city.as_str(), p.state.as_str(), p.zip.as_str()), ("Raleigh", "North Carolina", ""));
    // Publication 28's "#" with the range written into it, straight after the street.
    let p = address_parts("77 Elm Street #4B, Boston, MA 02110").unwrap();
    assert_eq!((p.street.as_str(), p.suite.as_str()), ("77 Elm Street", "#4B"));
    // A lone "#" with nothing after it is no unit.
    assert_eq!(address_parts("77 Elm Street #, Boston, MA 02110").unwrap().suite, "");
}

#[test]
fn an_address_whose_parts_cannot_be_established_is_not_split() {
    use super::address_parts;
    for raw in ["Straße 5, 50667 Köln, Germany", "12 Elm St, Springfield", "Phoenix, AZ", "", "서울특별시 강남구"]
    {
        assert_eq!(address_parts(raw), None, "{raw}");
    }
}

#[test]
fn non_ascii_letters_survive() {
    let c = norm(Address, "Straße 5,  Köln");
    assert_eq!(c.normalized, "straße 5 köln");
    assert_eq!(c.loose.as_deref(), Some("straße 5 köln"));
    assert_eq!(address("Calle Mayor 3, 2º B, Madrid"), "calle mayor 3 2º b madrid");
    assert_eq!(address("서울특별시 강남구 테헤란로 152"), "서울특별시 강남구 테헤란로 152");
}

/// Publication 28 abbreviates a plural suffix as its singular (PARKS and PARK are both PARK, TRAILS and
/// TRAIL both TRL). Inside a street's or a city's name the plural is a name, kept as written: Rosa Parks
/// Boulevard is not Rosa Park Boulevard. Ending the street, it is the suffix C1 abbreviates.
#[test]
fn a_plural_inside_a_name_is_not_made_its_singular() {
    for (plural, singular) in [
        ("12 Rosa Parks Blvd, Detroit, MI 48216", "12 Rosa Park Blvd, Detroit, MI 48216"),
        ("100 Parks Ave Apt 1, Austin, TX 78701", "100 Park Ave Apt 1, Austin, TX 78701"),
        ("7 Trails End Rd, Austin, TX 78701", "7 Trail End Rd, Austin, TX 78701"),
        ("100 Walks Ln, Austin, TX 78701", "100 Walk Ln, Austin, TX 78701"),
        ("100 Spurs Way, Austin, TX 78701", "100 Spur Way, Austin, TX 78701"),
        ("5 Main St, Parks City, UT 84060", "5 Main St, Park City, UT 84060"),
    ] {
        assert_ne!(address(plural), address(singular), "{plural}");
        assert_ne!(norm(Address, plural).loose, norm(Address, singular).loose, "{plural}");
    }
    assert_eq!(address("12 Rosa Parks Blvd, Detroit, MI 48216"), "12 rosa parks blvd detroit mi 48216");
    // Ending the street, a plural suffix is abbreviated as C1 says, alone or before its unit.
    assert_eq!(address("9 Oak Parks, Austin, TX 78701"), "9 oak park austin tx 78701");
    assert_eq!(address("9 Oak Trails Apt 2, Austin, TX 78701"), "9 oak trl unit 2 austin tx 78701");
    assert_eq!(address("9 Oak Trails N, Austin, TX 78701"), "9 oak trl n austin tx 78701");
    assert_eq!(address("9 Oak Parks Flat 2"), address("9 Oak Park Apt 2"));
}

/// A unit written first as its own part, whatever its designator (`Flat`, `Lot`, `Space`, `#`) and
/// wherever the street's part is (followed by the city's, or last), is the street's unit.
#[test]
fn a_unit_part_of_any_designator_written_first_is_the_streets_unit() {
    for (first, after) in [
        ("Flat 3, 9 High Street, London", "9 High St Flat 3, London"),
        ("Lot 7, 9 Main St, Austin, TX", "9 Main St Lot 7, Austin, TX"),
        ("Apt 3, 9 Main St", "9 Main St Apt 3"),
        ("Suite 100, 9 Main St", "9 Main St Suite 100"),
        ("#5, 9 Main St", "9 Main St #5"),
    ] {
        let c = norm(Address, first);
        assert_eq!(c.warning, None, "{first}");
        assert_eq!(c.normalized, address(after), "{first}");
    }
    // A unit and no street is still one.
    assert!(norm(Address, "Unit 3B, Phoenix, AZ").warning.is_some());
}

/// A unit, building or floor in a part of its own is no city: the part after it that ends the address is
/// still the city, a state's name there kept as the city's ("9 Main St, Apt 3, Washington" is not in WA).
#[test]
fn a_unit_part_does_not_make_the_city_a_state() {
    for raw in [
        "Apt 3, 9 Main St, Washington",
        "9 Main St, Apt 3, Washington",
        "9 Main St, Suite 3, Washington",
        "Flat 3, 9 Main St, Washington",
    ] {
        assert_eq!(address(raw), "9 main st unit 3 washington", "{raw}");
        assert_ne!(address(raw), address("9 Main St, Apt 3, WA"), "{raw}");
    }
    assert_eq!(address("9 Main St, Bldg 2, Washington"), "9 main st bldg 2 washington");
    // After a street and a city, a state's name is the state.
    assert_eq!(address("9 Main St, Apt 3, Spokane, Washington"), "9 main st unit 3 spokane wa");
}

/// Publication 28 writes a building, a floor or a penthouse after the street's suffix (section 213's
/// secondary address line); typed first, as their own part, they are the same place.
#[test]
fn a_building_floor_or_penthouse_written_first_is_the_streets() {
    for (first, after) in [
        ("Bldg 4, 9 Main St, Springfield, IL 62701", "9 Main St Bldg 4, Springfield, IL 62701"),
        ("Floor 3, 9 Main St, Springfield, IL 62701", "9 Main St, 3rd Floor, Springfield, IL 62701"),
        ("PH 2, 9 Main St, Denver, CO 80202", "9 Main St PH 2, Denver, CO 80202"),
        ("Penthouse 2, 9 Main St, Denver, CO 80202", "9 Main St PH 2, Denver, CO 80202"),
        ("Bldg 4, Apt 5, 9 Main St, Denver, CO 80202", "9 Main St Bldg 4 Apt 5, Denver, CO 80202"),
    ] {
        let (a, b) = (norm(Address, first), norm(Address, after));
        assert_eq!((&a.normalized, &a.loose), (&b.normalized, &b.loose), "{first} / {after}");
    }
    // A penthouse in its own part after the street is also no part of the street address.
    assert_eq!(norm(Address, "9 Main St, PH 2, Denver, CO 80202").loose.as_deref(), Some("9 main st denver co 80202"));
    // A building or floor with no street names no building, as a unit with none does.
    let streetless = norm(Address, "Bldg 4, Springfield, IL 62701");
    assert!(streetless.loose.is_none() && streetless.warning.is_some_and(|w| w.contains("no street")));
    // A designator alone before the street may be the town's first word: Upper Darby is not Darby.
    assert_ne!(address("Upper, 9 Main St, Darby, PA"), address("9 Main St, Upper Darby, PA"));
    // A town whose name starts with C2's word is still the town.
    assert_eq!(
        norm(Address, "10 Main St, Upper Saddle River, NJ 07458").loose.as_deref(),
        Some("10 main st uppr saddle riv nj 07458")
    );
}

/// "No." or "Number" between a unit's designator and its number says a number follows; it is no part of
/// the unit ("Apt No. 5" is Publication 28's `APT 5`).
#[test]
fn a_number_word_after_a_designator_is_no_part_of_the_unit() {
    let plain = norm(Address, "9 Main St Apt 5, Springfield, IL 62701");
    for raw in [
        "9 Main St Apt No. 5, Springfield, IL 62701",
        "9 Main St, Apartment Number 5, Springfield, IL 62701",
        "Apt No 5, 9 Main St, Springfield, IL 62701",
        "Apt Nº 5, 9 Main St, Springfield, IL 62701",
    ] {
        let c = norm(Address, raw);
        assert_eq!((&c.normalized, &c.loose), (&plain.normalized, &plain.loose), "{raw}");
    }
    // After C2's other designators too.
    assert_eq!(address("9 Main St Lot No 7, Springfield, IL"), address("9 Main St Lot 7, Springfield, IL"));
    assert_eq!(address("9 Main St Bldg No. 4, Springfield, IL"), address("9 Main St Bldg 4, Springfield, IL"));
    // A street named No… keeps its word.
    assert_eq!(address("9 Noble St, Springfield, IL 62701"), "9 noble st springfield il 62701");
}

/// ZIP+4 (Publication 28 section 231: five digits, a hyphen, four digits) typed with a space for the
/// hyphen after the state is the same ZIP+4; four digits after a number elsewhere stay.
#[test]
fn zip_plus_four_typed_with_a_space_is_zip_plus_four() {
    let hyphen = address("9 Main St, Springfield, IL 62701-1234");
    assert_eq!(address("9 Main St, Springfield, IL 62701 1234"), hyphen);
    assert_eq!(address("9 Main St, Springfield, Illinois, 62701 1234"), hyphen);
    assert_eq!(address("9 Main St, Springfield, IL 62701 - 1234, USA"), hyphen);
    assert_eq!(address("PO Box 62701 1234"), "po box 62701 1234");
}

/// Publication 28 section 225 and the DMM's 703.2.2.1: an overseas military address has a UNIT, PSC or
/// CMR with its number and a box, then APO, FPO or DPO and AA, AE or AP. Its UNIT is no apartment: the
/// address is whole, and its weaker key is the address itself, one person's box.
#[test]
fn an_overseas_military_address_is_whole() {
    for raw in ["UNIT 2050 BOX 4190, APO AP 96278", "PSC 802 BOX 74, APO AE 09499", "CMR 450 BOX 9, DPO AE 09045"] {
        let c = norm(Address, raw);
        assert_eq!(c.warning, None, "{raw}");
        assert_eq!(c.loose.as_deref(), Some(c.normalized.as_str()), "{raw}");
    }
    // Without its post office, a unit with no street is still one.
    assert!(norm(Address, "Unit 2050 Box 4190, Phoenix, AZ").warning.is_some_and(|w| w.contains("no street")));
}

/// A part made of many designators is read in one pass: split into secondary parts by trying every way
/// (as rules 2026.12.8.4 first did), forty words took hours.
#[test]
fn a_long_run_of_designators_is_read_at_once() {
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let many = format!("{}5, 9 Main St, Denver, CO", "Apt ".repeat(40));
        let alternating = format!("Apt 5 {}, 9 Main St", "Bldg 4 Apt ".repeat(12));
        let _ = done.send((address(&many), norm(Address, &alternating).warning));
    });
    let (many, alternating) = finished.recv_timeout(std::time::Duration::from_secs(20)).expect("read within 20 s");
    assert_eq!(many, "9 main st unit 5 denver co");
    assert!(alternating.is_some_and(|w| w.contains("no street")));
}
