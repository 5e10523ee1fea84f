//! Checking the endpoint a client will post to.
//!
//! The address in a WSDL is often not the one to call (vendors publish a placeholder, or each
//! account has its own host), so there is no default: the caller gives one. Plain `http://`
//! would expose credentials and data, so it is only accepted for loopback hosts (tests, local
//! simulators: `localhost` itself or a literal loopback address) unless explicitly allowed.

use std::net::IpAddr;

use reqwest::Url;

use crate::config_error::ConfigError;

/// Parses and checks an endpoint URL.
///
/// Rejected: unparsable URLs, schemes other than `https`/`http`, URLs with credentials
/// or a fragment, a `?WSDL` query (that is the description, not the service), and `http` to a
/// non-loopback host unless `allow_insecure_http`.
pub fn validate_endpoint(text: &str, allow_insecure_http: bool) -> Result<Url, ConfigError> {
    let invalid = |reason: &str| ConfigError::InvalidEndpoint {
        endpoint: redact_userinfo(text),
        reason: reason.to_owned(),
    };
    let url = Url::parse(text.trim()).map_err(|e| invalid(&e.to_string()))?;
    if url.cannot_be_a_base() || url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("the URL has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            "credentials do not belong in the URL; the client signs each request",
        ));
    }
    if url.fragment().is_some() {
        return Err(invalid("a URL fragment is not allowed"));
    }
    if url.query().is_some_and(|q| q.eq_ignore_ascii_case("wsdl")) {
        return Err(invalid(
            "this is the WSDL address; use the SOAP endpoint itself (without `?WSDL`)",
        ));
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if allow_insecure_http || is_loopback(&url) => Ok(url),
        "http" => Err(ConfigError::InsecureEndpoint {
            host: url.host_str().unwrap_or_default().to_owned(),
        }),
        other => Err(invalid(&format!(
            "scheme `{other}` is not supported (use https)"
        ))),
    }
}

/// `localhost`, 127.0.0.0/8 and ::1.
///
/// Only names that never leave this machine count: a literal loopback address, or exactly
/// `localhost` (which resolvers answer from the hosts file). Subdomains such as
/// `evil.localhost` are resolved through DNS like any other name, so a hostile or
/// misconfigured resolver could point them elsewhere; they need https like any other host.
fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bare.parse::<IpAddr>() {
        return ip.is_loopback();
    }
    let name = host.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
}

/// The endpoint text for error messages, without any `user:password@` part.
fn redact_userinfo(text: &str) -> String {
    match Url::parse(text.trim()) {
        Ok(mut url) if !url.username().is_empty() || url.password().is_some() => {
            // Setting these only fails for URLs that cannot have credentials at all.
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.to_string()
        }
        Ok(_) => text.to_owned(),
        Err(_) => match text.rsplit_once('@') {
            Some((_, rest)) => format!("<redacted>@{rest}"),
            None => text.to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Url {
        validate_endpoint(text, false).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn err(text: &str) -> ConfigError {
        match validate_endpoint(text, false) {
            Ok(url) => panic!("{text} accepted as {url}"),
            Err(e) => e,
        }
    }

    #[test]
    fn https_instance_endpoints_are_accepted() {
        let url = ok("https://100-AEK-913.mktoapi.com/soap/mktows/2_1");
        assert_eq!(url.path(), "/soap/mktows/2_1");
        ok(" https://284-RPR-133.mktoapi.com/soap/mktows/3_1 ");
    }

    #[test]
    fn http_only_for_loopback() {
        for text in [
            "http://127.0.0.1:8080/soap/mktows/2_2",
            "http://127.10.20.30/soap",
            "http://[::1]:9000/soap",
            "http://localhost:1234/",
            "http://LOCALHOST./x",
        ] {
            ok(text);
        }
        for text in [
            "http://100-AEK-913.mktoapi.com/soap/mktows/2_1",
            "http://10.0.0.1/soap",
            "http://128.0.0.1/soap",
            "http://[::2]/soap",
            "http://localhost.example.com/soap",
            "http://evil.localhost/soap",
            "http://a.b.localhost:8080/soap",
            "http://localhost.localhost./soap",
        ] {
            assert!(
                matches!(err(text), ConfigError::InsecureEndpoint { .. }),
                "{text}"
            );
        }
    }

    #[test]
    fn http_anywhere_when_allowed() {
        assert!(validate_endpoint("http://10.0.0.1/soap", true).is_ok());
    }

    #[test]
    fn malformed_and_unsupported_urls_are_rejected() {
        for text in [
            "",
            "not a url",
            "ftp://example.com/soap",
            "mailto:someone@example.com",
            "https://example.com/soap/mktows/2_2?WSDL",
            "https://example.com/soap#frag",
            "file:///etc/passwd",
        ] {
            assert!(
                matches!(err(text), ConfigError::InvalidEndpoint { .. }),
                "{text}"
            );
        }
    }

    #[test]
    fn credentials_in_the_url_are_rejected_and_not_echoed() {
        let e = err("https://user:hunter2secret@example.com/soap");
        let text = format!("{e} {e:?}");
        assert!(!text.contains("hunter2secret"), "{text}");
        assert!(matches!(e, ConfigError::InvalidEndpoint { .. }));
    }
}
