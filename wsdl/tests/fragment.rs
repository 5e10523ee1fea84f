//! The Marketo 2_6 fragment is not self-contained: loading it names the first undefined
//! reference and where it is written.

mod common;

use wsdl::ErrorKind;

#[test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
fn fragment_fails_on_the_first_undefined_type() {
    let path = common::marketo("mktows-2_6-fragment.wsdl");
    let error = wsdl::load(&path).expect_err("fragment must not load");
    assert_eq!(
        error.kind,
        ErrorKind::Undefined {
            kind: "type",
            name: "tns:StreamPosition".to_owned()
        }
    );
    let position = error.position.clone().expect("position");
    assert_eq!(position.file, "mktows-2_6-fragment.wsdl");
    assert_eq!((position.line, position.column), (17, 11));
    assert_eq!(
        error.to_string(),
        "mktows-2_6-fragment.wsdl:17:11: type tns:StreamPosition is not defined"
    );
}
