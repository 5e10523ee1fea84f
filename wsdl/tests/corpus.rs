//! Every entry WSDL of the shared real-world corpus either loads or fails with a clear
//! `unsupported: …` error; the outcome of each file is pinned.

mod common;

use std::path::Path;

use wsdl::{BindingProtocol, Definitions, ErrorKind, PartKind, Style, Use};

/// What loading a corpus file is expected to do.
enum Expected {
    /// Loads, with this many operations over all port types and these binding protocols
    /// (in document order).
    Loads {
        operations: usize,
        protocols: &'static [BindingProtocol],
    },
    /// Fails with an `unsupported:` error whose display is exactly this.
    Unsupported(&'static str),
}

use BindingProtocol::{Other, Soap11, Soap12};

const CORPUS: &[(&str, Expected)] = &[
    (
        "onvif/devicemgmt.wsdl",
        Expected::Loads {
            operations: 82,
            protocols: &[Soap12],
        },
    ),
    (
        "onvif/ptz.wsdl",
        Expected::Loads {
            operations: 27,
            protocols: &[Soap12],
        },
    ),
    (
        "onvif/events.wsdl",
        Expected::Loads {
            operations: 19,
            protocols: &[Soap12; 8],
        },
    ),
    (
        "noaa-ndfd/ndfdXML.wsdl",
        Expected::Loads {
            operations: 12,
            protocols: &[Soap11],
        },
    ),
    (
        "jira-v2/jira.wsdl",
        Expected::Unsupported(
            "jira.wsdl:376:16: unsupported: SOAP encoding type soapenc:Array \
             (rpc/encoded schemas are not modelled)",
        ),
    ),
    (
        "xignite/xignite.wsdl",
        Expected::Loads {
            operations: 60,
            protocols: &[Soap11, Soap12, Other, Other],
        },
    ),
    (
        "blz/blz_service.wsdl",
        Expected::Loads {
            operations: 1,
            protocols: &[Soap11, Soap12, Other],
        },
    ),
    (
        "bronto/bronto.wsdl",
        Expected::Loads {
            operations: 68,
            protocols: &[Soap11],
        },
    ),
    (
        "economic/economic.wsdl",
        Expected::Loads {
            operations: 1511,
            protocols: &[Soap11, Soap12],
        },
    ),
];

fn load_corpus(dir: &Path, file: &str) -> Result<Definitions, wsdl::Error> {
    wsdl::load(&dir.join("wsdl/corpus").join(file))
}

#[test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
fn corpus_outcomes_are_pinned() {
    let dir = common::shared_dir();
    let mut summary = Vec::new();
    for (file, expected) in CORPUS {
        let outcome = load_corpus(&dir, file);
        match (&outcome, expected) {
            (
                Ok(d),
                Expected::Loads {
                    operations,
                    protocols,
                },
            ) => {
                let count: usize = d.port_types.iter().map(|p| p.operations.len()).sum();
                assert_eq!(count, *operations, "{file}: operations");
                let found: Vec<BindingProtocol> = d.bindings.iter().map(|b| b.protocol).collect();
                assert_eq!(found, *protocols, "{file}: binding protocols");
                summary.push(format!(
                    "{file}: loads ({count} operations, {} bindings, {} complex types, {} simple types, {} elements)",
                    d.bindings.len(),
                    d.schema.complex_types.len(),
                    d.schema.simple_types.len(),
                    d.schema.elements.len()
                ));
            }
            (Err(e), Expected::Unsupported(message)) => {
                assert!(matches!(e.kind, ErrorKind::Unsupported(_)), "{file}: {e}");
                assert_eq!(e.to_string(), *message, "{file}");
                summary.push(format!("{file}: fails: {e}"));
            }
            (Ok(_), Expected::Unsupported(message)) => {
                panic!("{file}: loaded, expected {message}")
            }
            (Err(e), Expected::Loads { .. }) => panic!("{file}: expected to load, got {e}"),
        }
    }
    println!("corpus summary:\n{}", summary.join("\n"));
}

#[test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
fn onvif_soap_prefix_bound_to_soap12_is_soap12() {
    let dir = common::shared_dir();
    let d = load_corpus(&dir, "onvif/devicemgmt.wsdl").expect("devicemgmt loads");
    let binding = &d.bindings[0];
    assert_eq!(binding.protocol, Soap12);
    assert_eq!(binding.style, Style::Document);
    let get_time = binding
        .operations
        .iter()
        .find(|o| o.name == "GetSystemDateAndTime")
        .expect("GetSystemDateAndTime");
    assert_eq!(
        get_time.soap_action.as_deref(),
        Some("http://www.onvif.org/ver10/device/wsdl/GetSystemDateAndTime")
    );
    // Types come from onvif.xsd, an xs:import of a sibling file.
    let schema_ns = "http://www.onvif.org/ver10/schema";
    assert!(
        d.complex_type(&wsdl::QName::new(schema_ns, "SystemDateTime"))
            .is_some()
    );
    // Elements declared in the WSDL's own schema are qualified in its namespace.
    let device_ns = "http://www.onvif.org/ver10/device/wsdl";
    let element = d
        .element(&wsdl::QName::new(device_ns, "GetSystemDateAndTime"))
        .expect("element");
    assert_eq!(element.position.file, "devicemgmt.wsdl");

    // Prefix hints name each namespace the way the documents do.
    let hint = |uri: &str| d.namespace_prefixes.get(uri).map(String::as_str);
    assert_eq!(hint(schema_ns), Some("tt"));
    assert_eq!(hint(device_ns), Some("tds"));
    // Attributes are kept: tt:DeviceEntity's required, unqualified `token`.
    let entity = d
        .complex_type(&wsdl::QName::new(schema_ns, "DeviceEntity"))
        .expect("DeviceEntity");
    let token = &entity.attributes[0];
    assert_eq!(token.name, wsdl::QName::new("", "token"));
    assert!(token.required);
    assert_eq!(token.form, wsdl::Form::Unqualified);
    assert_eq!(
        token.documentation.as_deref(),
        Some("Unique identifier referencing the physical entity.")
    );
    assert_eq!(
        token.type_ref,
        Some(wsdl::TypeRef::Named(wsdl::QName::new(
            schema_ns,
            "ReferenceToken"
        )))
    );
}

#[test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
fn onvif_base_fault_error_code_extends_any_type() {
    let dir = common::shared_dir();
    let d = load_corpus(&dir, "onvif/devicemgmt.wsdl").expect("devicemgmt loads");
    let fault = d
        .complex_type(&wsdl::QName::new(
            "http://docs.oasis-open.org/wsrf/bf-2",
            "BaseFaultType",
        ))
        .expect("wsrf-bf:BaseFaultType");
    let wsdl::Content::Group(group) = &fault.content else {
        panic!("group expected");
    };
    let error_code = group
        .particles
        .iter()
        .find_map(|p| match p {
            wsdl::Particle::Element(e) if e.name.local == "ErrorCode" => Some(e),
            _ => None,
        })
        .expect("ErrorCode");
    let wsdl::TypeRef::AnonymousComplex(code_type) = &error_code.type_ref else {
        panic!("anonymous type expected: {:?}", error_code.type_ref);
    };
    // `<xsd:complexContent mixed="true"><xsd:extension base="xsd:anyType">`: any content.
    assert_eq!(code_type.derivation, None);
    assert!(code_type.mixed);
    let wsdl::Content::Group(content) = &code_type.content else {
        panic!("inherited any content expected: {:?}", code_type.content);
    };
    assert!(matches!(
        content.particles.as_slice(),
        [wsdl::Particle::Any {
            namespace: wsdl::NamespaceConstraint::Any,
            process_contents: wsdl::ProcessContents::Lax,
            ..
        }]
    ));
    assert_eq!(code_type.attributes[0].name.local, "dialect");
    assert!(code_type.any_attribute.is_some());
}

#[test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
fn onvif_events_pulls_in_wsdl_imports() {
    let dir = common::shared_dir();
    let d = load_corpus(&dir, "onvif/events.wsdl").expect("events loads");
    let namespaces: Vec<&str> = d
        .port_types
        .iter()
        .map(|p| p.name.namespace.as_str())
        .collect();
    assert!(namespaces.contains(&"http://docs.oasis-open.org/wsn/bw-2"));
    assert!(namespaces.contains(&"http://www.onvif.org/ver10/events/wsdl"));
    // b-2.xsd's wsnt:Notify element (anonymous type) is loaded through the import chain.
    let notify = d
        .element(&wsdl::QName::new(
            "http://docs.oasis-open.org/wsn/b-2",
            "Notify",
        ))
        .expect("wsnt:Notify");
    assert!(matches!(
        notify.type_ref,
        wsdl::TypeRef::AnonymousComplex(_)
    ));
    assert_eq!(notify.position.file, "b-2.xsd");
}

#[test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
fn noaa_rpc_encoded_loads_with_type_parts() {
    let dir = common::shared_dir();
    let d = load_corpus(&dir, "noaa-ndfd/ndfdXML.wsdl").expect("ndfd loads");
    let binding = &d.bindings[0];
    assert_eq!(binding.style, Style::Rpc);
    assert!(binding.operations.iter().all(|o| o.style == Style::Rpc));
    let input = binding.operations[0].input.as_ref().expect("input");
    assert_eq!(input.body_use, Use::Encoded);
    assert_eq!(
        input.body_namespace.as_deref(),
        Some("http://graphical.weather.gov/xml/DWMLgen/wsdl/ndfdXML.wsdl")
    );
    let type_parts = d
        .messages
        .iter()
        .flat_map(|m| &m.parts)
        .filter(|p| matches!(p.kind, PartKind::Type(_)))
        .count();
    let all_parts = d.messages.iter().flat_map(|m| &m.parts).count();
    assert!(type_parts > 0);
    assert_eq!(type_parts, all_parts);
}

#[test]
#[cfg_attr(shared_data_absent, ignore = "needs the reference data in ../shared")]
fn bronto_body_selects_parameters_part() {
    let dir = common::shared_dir();
    let d = load_corpus(&dir, "bronto/bronto.wsdl").expect("bronto loads");
    let operation = &d.bindings[0].operations[0];
    let input = operation.input.as_ref().expect("input");
    assert_eq!(input.body_parts, Some(vec!["parameters".to_owned()]));
    assert_eq!(input.headers.len(), 1);
    assert_eq!(input.headers[0].part, "sessionHeader");
}
