//! Bulk inserts for `vetdesk demo`.
