//! The workspace's own organization (one row).

use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;
use crate::domain::Organization;

pub fn get(conn: &Connection) -> Result<Organization> {
    Ok(conn
        .query_row(
            "SELECT name, address1, address2, city, state, zip, country, phone, email, it_poc, other_poc, sector,
                    filer_name, filer_phone, filer_email, suite, county, subsector FROM organization WHERE id = 1",
            [],
            |r| {
                Ok(Organization {
                    name: r.get(0)?,
                    address1: r.get(1)?,
                    address2: r.get(2)?,
                    city: r.get(3)?,
                    state: r.get(4)?,
                    zip: r.get(5)?,
                    country: r.get(6)?,
                    phone: r.get(7)?,
                    email: r.get(8)?,
                    it_poc: r.get(9)?,
                    other_poc: r.get(10)?,
                    sector: r.get(11)?,
                    filer_name: r.get(12)?,
                    filer_phone: r.get(13)?,
                    filer_email: r.get(14)?,
                    suite: r.get::<_, Option<String>>(15)?.unwrap_or_default(),
                    county: r.get::<_, Option<String>>(16)?.unwrap_or_default(),
                    subsector: r.get::<_, Option<String>>(17)?.unwrap_or_default(),
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

pub fn put(conn: &Connection, o: &Organization, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO organization (id, name, address1, address2, city, state, zip, country, phone, email, it_poc,
                                   other_poc, sector, filer_name, filer_phone, filer_email, updated_at, suite, county,
                                   subsector)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
         ON CONFLICT (id) DO UPDATE SET name = ?1, address1 = ?2, address2 = ?3, city = ?4, state = ?5, zip = ?6,
             country = ?7, phone = ?8, email = ?9, it_poc = ?10, other_poc = ?11, sector = ?12, filer_name = ?13,
             filer_phone = ?14, filer_email = ?15, updated_at = ?16, suite = ?17, county = ?18, subsector = ?19",
        params![
            o.name,
            o.address1,
            o.address2,
            o.city,
            o.state,
            o.zip,
            o.country,
            o.phone,
            o.email,
            o.it_poc,
            o.other_poc,
            o.sector,
            o.filer_name,
            o.filer_phone,
            o.filer_email,
            now,
            nullable(&o.suite),
            nullable(&o.county),
            nullable(&o.subsector)
        ],
    )?;
    Ok(())
}

/// An empty text as NULL: the columns added in schema step 5 are sealed only when they hold a value.
fn nullable(value: &str) -> Option<&str> {
    (!value.is_empty()).then_some(value)
}
