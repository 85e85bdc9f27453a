//! `vetdesk demo`: fills a workspace with realistic, clearly fictional cases.
