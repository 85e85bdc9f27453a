//! The columns of a roster export vetdesk understands, and the header names it recognizes for each.

use crate::domain::IdentifierKind;

/// A roster column: a person's own details or one of their identifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Id,
    Name,
    Vendor,
    Position,
    StartDate,
    Status,
    BankName,
    PersonalEmail,
    WorkEmail,
    Phone,
    MobilePhone,
    HomeAddress,
    ShippingAddress,
    RoutingNumber,
    AccountNumber,
    Ip,
    DeviceSerial,
    Wallet,
}

impl Field {
    pub const ALL: [Field; 18] = [
        Field::Id,
        Field::Name,
        Field::Vendor,
        Field::Position,
        Field::StartDate,
        Field::Status,
        Field::BankName,
        Field::PersonalEmail,
        Field::WorkEmail,
        Field::Phone,
        Field::MobilePhone,
        Field::HomeAddress,
        Field::ShippingAddress,
        Field::RoutingNumber,
        Field::AccountNumber,
        Field::Ip,
        Field::DeviceSerial,
        Field::Wallet,
    ];

    /// The name `--map` takes and the store keeps.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Name => "name",
            Field::Vendor => "vendor",
            Field::Position => "position",
            Field::StartDate => "start_date",
            Field::Status => "status",
            Field::BankName => "bank_name",
            Field::PersonalEmail => "personal_email",
            Field::WorkEmail => "work_email",
            Field::Phone => "phone",
            Field::MobilePhone => "mobile_phone",
            Field::HomeAddress => "home_address",
            Field::ShippingAddress => "shipping_address",
            Field::RoutingNumber => "routing_number",
            Field::AccountNumber => "account_number",
            Field::Ip => "ip",
            Field::DeviceSerial => "device_serial",
            Field::Wallet => "wallet",
        }
    }

    pub fn parse(name: &str) -> Option<Field> {
        let name = name.trim().to_ascii_lowercase().replace('-', "_");
        Field::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// The identifier kind whose rules normalize the column, or `None` for a person's own details.
    pub fn kind(self) -> Option<IdentifierKind> {
        Some(match self {
            Field::PersonalEmail | Field::WorkEmail => IdentifierKind::Email,
            Field::Phone | Field::MobilePhone => IdentifierKind::Phone,
            Field::HomeAddress | Field::ShippingAddress => IdentifierKind::Address,
            Field::RoutingNumber => IdentifierKind::RoutingNumber,
            Field::AccountNumber => IdentifierKind::BankAccount,
            Field::Ip => IdentifierKind::Ip,
            Field::DeviceSerial => IdentifierKind::DeviceSerial,
            Field::Wallet => IdentifierKind::CryptoWallet,
            _ => return None,
        })
    }

    /// How a sentence names the column.
    pub fn label(self) -> &'static str {
        match self {
            Field::AccountNumber => "bank account",
            Field::RoutingNumber => "routing number",
            Field::PersonalEmail => "personal email",
            Field::WorkEmail => "work email",
            Field::MobilePhone => "mobile phone",
            Field::HomeAddress => "home address",
            Field::ShippingAddress => "shipping address",
            Field::DeviceSerial => "device serial",
            Field::Ip => "IP address",
            other => other.as_str(),
        }
    }

    /// Header names (lowercased, with spaces, dashes, dots and underscores removed) recognized for the
    /// column in exports from payroll, HR, applicant-tracking and vendor systems.
    fn headers(self) -> &'static [&'static str] {
        match self {
            Field::Id => &[
                "id",
                "employeeid",
                "employeeno",
                "employeenumber",
                "empid",
                "workerid",
                "contractorid",
                "vendorid",
                "personid",
                "candidateid",
                "applicantid",
                "staffid",
                "payrollid",
                "badge",
            ],
            Field::Name => &["name", "fullname", "employeename", "workername", "contractorname", "legalname"],
            Field::Vendor => &["vendor", "vendorname", "agency", "staffingagency", "supplier", "company"],
            Field::Position => &["position", "title", "jobtitle", "role", "job"],
            Field::StartDate => &["startdate", "hiredate", "datehired", "start", "onboarded"],
            Field::Status => &["status", "employmentstatus", "workerstatus", "state"],
            Field::BankName => &["bank", "bankname"],
            Field::PersonalEmail => &["email", "personalemail", "privateemail", "homeemail", "emailaddress"],
            Field::WorkEmail => &["workemail", "companyemail", "businessemail", "corporateemail"],
            Field::Phone => &["phone", "phonenumber", "telephone", "homephone", "tel"],
            Field::MobilePhone => &["mobile", "mobilephone", "cell", "cellphone", "mobilenumber"],
            Field::HomeAddress => &["address", "homeaddress", "residentialaddress", "streetaddress", "mailingaddress"],
            Field::ShippingAddress => {
                &["shippingaddress", "shipto", "deliveryaddress", "equipmentaddress", "laptopaddress", "shipaddress"]
            }
            Field::RoutingNumber => &["routing", "routingnumber", "aba", "abanumber", "routingno", "rtn"],
            Field::AccountNumber => {
                &["account", "accountnumber", "accountno", "bankaccount", "bankaccountnumber", "acct", "acctno"]
            }
            Field::Ip => &["ip", "ipaddress", "lastip", "loginip"],
            Field::DeviceSerial => &["deviceserial", "serial", "serialnumber", "laptopserial", "assetserial"],
            Field::Wallet => &["wallet", "cryptowallet", "walletaddress"],
        }
    }

    /// The column a header names, if vetdesk recognizes it.
    pub fn recognize(header: &str) -> Option<Field> {
        let key: String =
            header.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
        Field::ALL.into_iter().find(|f| f.headers().contains(&key.as_str()))
    }

    /// The `--map` help: every field name.
    pub fn names() -> String {
        Field::ALL.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_headers_are_recognized() {
        assert_eq!(Field::recognize("Employee ID"), Some(Field::Id));
        assert_eq!(Field::recognize("contractor_id"), Some(Field::Id));
        assert_eq!(Field::recognize("Routing #"), Some(Field::RoutingNumber));
        assert_eq!(Field::recognize("Ship-To"), Some(Field::ShippingAddress));
        assert_eq!(Field::recognize("Bank Account Number"), Some(Field::AccountNumber));
        assert_eq!(Field::recognize("Favourite colour"), None);
        assert_eq!(Field::parse("shipping-address"), Some(Field::ShippingAddress));
        assert_eq!(Field::parse("colour"), None);
    }
}
