//! The main job: run two leads through smart campaign 4496 with requestCampaign.
//!
//! ```sh
//! cargo run -p mktows --features simulator --example request_campaign
//! cargo run -p mktows --features simulator --example request_campaign -- --help
//! ```
//!
//! Without an endpoint it starts the built-in simulator, seeds the two leads and the campaign,
//! and calls it. With `--endpoint`, `--user-id` and `--secret-key` (or `MKTOWS_ENDPOINT`,
//! `MKTOWS_USER_ID` and `MKTOWS_SECRET_KEY`; prefer the variable for the key, so it stays out
//! of the shell history) it calls that endpoint instead: your instance's SOAP endpoint, e.g.
//! `https://123-ABC-456.mktoapi.com/soap/mktows/2_2`. It prints the signed request it sends and
//! the typed result, and exits non-zero on failure.
//!
//! Against a real endpoint the printed `requestSignature` is cut to its first six hex digits:
//! the signature covers only the timestamp and user id, not the body, so a full header copied
//! from a terminal or a log could be replayed with another operation until it expires.

use std::borrow::Cow;
use std::io::Write;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use clap::Parser;
use mktows::generated::types::{ParamsRequestCampaign, ReqCampSourceType};
use mktows::simulator::{RunningSimulator, SimState, Simulator};
use mktows::{Client, RawExchange, SecretKey};

/// The campaign of Marketo's requestCampaign example.
const CAMPAIGN_ID: i32 = 4496;
/// The two leads of Marketo's requestCampaign example.
const LEAD_EMAILS: [&str; 2] = ["lead@company.com", "anotherlead@company.com"];
/// How many leading hex digits of a signature are printed for a real endpoint.
const SIGNATURE_DIGITS_SHOWN: usize = 6;

/// Runs requestCampaign for two leads against a Marketo SOAP endpoint, or against the built-in
/// simulator when no endpoint is given, printing the signed request and the typed result.
#[derive(Debug, Parser)]
#[command(name = "request_campaign")]
struct Args {
    /// Your instance's SOAP endpoint, e.g. https://123-ABC-456.mktoapi.com/soap/mktows/2_2.
    /// Without it the built-in simulator is started and called.
    #[arg(long, env = "MKTOWS_ENDPOINT")]
    endpoint: Option<String>,
    /// The SOAP API user id (needed with --endpoint).
    #[arg(long, env = "MKTOWS_USER_ID")]
    user_id: Option<String>,
    /// The SOAP API encryption key (needed with --endpoint); prefer the environment variable.
    #[arg(long, env = "MKTOWS_SECRET_KEY", hide_env_values = true)]
    secret_key: Option<String>,
}

/// Where the example writes what it prints (stdout, or a buffer in tests).
type Output = Arc<Mutex<dyn Write + Send>>;

/// Writes one line to the output; a closed stdout is not worth failing the call for.
fn say(out: &Output, text: &str) {
    if let Ok(mut out) = out.lock() {
        let _ = writeln!(out, "{text}");
    }
}

/// Where to send the call, and the simulator when it is the built-in one.
struct Target {
    endpoint: String,
    user_id: String,
    secret_key: SecretKey,
    simulator: Option<RunningSimulator>,
}

/// A value that must be given with `--endpoint`.
fn required(value: Option<String>, option: &str, variable: &str) -> Result<String, String> {
    value
        .filter(|v| !v.is_empty())
        .ok_or_else(|| format!("an endpoint is given, so {option} (or {variable}) is needed too"))
}

/// The endpoint from the arguments, or a freshly started simulator.
async fn target(args: Args, out: &Output) -> Result<Target, String> {
    if let Some(endpoint) = args.endpoint.filter(|v| !v.is_empty()) {
        return Ok(Target {
            endpoint,
            user_id: required(args.user_id, "--user-id", "MKTOWS_USER_ID")?,
            secret_key: SecretKey::new(required(
                args.secret_key,
                "--secret-key",
                "MKTOWS_SECRET_KEY",
            )?),
            simulator: None,
        });
    }
    let simulator = Simulator::builder()
        .state(SimState::demo())
        .seed(|state| {
            for email in LEAD_EMAILS {
                state.add_lead_with_email(email);
            }
        })
        .start()
        .await
        .map_err(|e| format!("cannot start the simulator: {e}"))?;
    say(
        out,
        &format!(
            "no endpoint given: using the built-in Marketo simulator at {}",
            simulator.endpoint()
        ),
    );
    say(
        out,
        &format!(
            "(seeded with campaign {CAMPAIGN_ID} and the leads {})\n",
            LEAD_EMAILS.join(", ")
        ),
    );
    Ok(Target {
        endpoint: simulator.endpoint().to_owned(),
        user_id: simulator.user_id().to_owned(),
        secret_key: simulator.secret_key(),
        simulator: Some(simulator),
    })
}

/// Whether printed requests show the whole signature (only for the built-in simulator, whose
/// key is public) or its first digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SignatureDisplay {
    /// Print the signature as sent.
    Full,
    /// Print the first [`SIGNATURE_DIGITS_SHOWN`] hex digits followed by `…`.
    Redacted,
}

/// The request envelope as printed: every `<requestSignature>` text cut to its first
/// [`SIGNATURE_DIGITS_SHOWN`] characters and `…` when `display` is [`SignatureDisplay::Redacted`].
fn printable_request(xml: &str, display: SignatureDisplay) -> Cow<'_, str> {
    const OPEN: &str = "<requestSignature>";
    const CLOSE: &str = "</requestSignature>";
    if display == SignatureDisplay::Full || !xml.contains(OPEN) {
        return Cow::Borrowed(xml);
    }
    let mut printed = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(start) = rest.find(OPEN) {
        let content_start = start + OPEN.len();
        printed.push_str(&rest[..content_start]);
        let after_open = &rest[content_start..];
        let content_len = after_open.find(CLOSE).unwrap_or(after_open.len());
        let shown: String = after_open[..content_len]
            .chars()
            .take(SIGNATURE_DIGITS_SHOWN)
            .collect();
        printed.push_str(&shown);
        printed.push('…');
        rest = &after_open[content_len..];
    }
    printed.push_str(rest);
    Cow::Owned(printed)
}

/// Prints each request as sent (signed, the signature redacted per `display`) and the answer.
fn print_exchange(out: &Output, display: SignatureDisplay, exchange: &RawExchange<'_>) {
    say(
        out,
        &format!(
            "--- {} request, attempt {} ---\n{}\n",
            exchange.operation,
            exchange.attempt,
            printable_request(exchange.request_xml, display)
        ),
    );
    match exchange.status {
        Some(status) => say(out, &format!("--- HTTP {status} response ---")),
        None => say(out, "--- no response ---"),
    }
    if let Some(body) = exchange.response_text() {
        say(out, &format!("{body}\n"));
    }
}

/// The seed scenario's parameters.
fn params() -> ParamsRequestCampaign {
    mktows::guards::request_campaign_by_id(ReqCampSourceType::Mktows, CAMPAIGN_ID, &LEAD_EMAILS)
}

/// Runs the scenario, printing to `out`; the error is the message to print.
async fn run(args: Args, out: Output) -> Result<(), String> {
    let target = target(args, &out).await?;
    let display = match target.simulator {
        Some(_) => SignatureDisplay::Full,
        None => SignatureDisplay::Redacted,
    };
    let hook_out = Arc::clone(&out);
    let client = Client::builder(&target.endpoint, &target.user_id, target.secret_key.clone())
        .on_raw_exchange(move |exchange| print_exchange(&hook_out, display, exchange))
        .build()
        .map_err(|e| format!("invalid client settings: {e}"))?;
    let result = client
        .request_campaign(&params())
        .await
        .map_err(|e| format!("requestCampaign failed: {e}"))?;
    say(&out, &format!("typed result:\n{result:#?}"));
    if !result.result.success {
        return Err("Marketo answered success = false".to_owned());
    }
    if let Some(simulator) = target.simulator {
        let runs = simulator.state().campaign_runs().to_vec();
        say(
            &out,
            &format!("\ncampaign runs recorded by the simulator:\n{runs:#?}"),
        );
        simulator.shutdown().await;
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let stdout: Output = Arc::new(Mutex::new(std::io::stdout()));
    match run(args, stdout).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A request envelope as the client writes it (signature of the docs' example).
    const SIGNED: &str = "<soapenv:Header><ns1:AuthenticationHeader>\
        <mktowsUserId>demo_user</mktowsUserId>\
        <requestSignature>146ec93f4f1e2a45f7a545f7e42e2d053c0457e7</requestSignature>\
        <requestTimestamp>2013-08-02T15:47:06-07:00</requestTimestamp>\
        </ns1:AuthenticationHeader></soapenv:Header>";

    /// Every run of at least `len` consecutive hex digits in `text`.
    fn hex_runs(text: &str, len: usize) -> Vec<String> {
        let mut runs = Vec::new();
        let mut current = String::new();
        for c in text.chars().chain(std::iter::once(' ')) {
            if c.is_ascii_hexdigit() {
                current.push(c);
            } else {
                if current.len() >= len {
                    runs.push(current.clone());
                }
                current.clear();
            }
        }
        runs
    }

    #[test]
    fn redaction_keeps_six_digits_and_the_rest_of_the_envelope() {
        let printed = printable_request(SIGNED, SignatureDisplay::Redacted);
        assert_eq!(
            printed,
            SIGNED.replace("146ec93f4f1e2a45f7a545f7e42e2d053c0457e7", "146ec9…")
        );
        assert_eq!(printable_request(SIGNED, SignatureDisplay::Full), SIGNED);
        let no_header = "<soapenv:Body/>";
        assert_eq!(
            printable_request(no_header, SignatureDisplay::Redacted),
            no_header
        );
        let twice = format!("{SIGNED}{SIGNED}");
        assert!(hex_runs(&printable_request(&twice, SignatureDisplay::Redacted), 7).is_empty());
        let unclosed = "<requestSignature>146ec93f4f1e2a45";
        assert_eq!(
            printable_request(unclosed, SignatureDisplay::Redacted),
            "<requestSignature>146ec9…"
        );
    }

    /// Runs the example with `args` and returns what it printed.
    async fn printed_by(args: Args) -> String {
        let buffer = Arc::new(Mutex::new(Vec::<u8>::new()));
        let out: Output = buffer.clone();
        run(args, out).await.expect("the example succeeds");
        let bytes = buffer.lock().expect("not poisoned").clone();
        String::from_utf8(bytes).expect("printed text is UTF-8")
    }

    /// The encryption key of the simulator that stands in for a real endpoint.
    const EXTERNAL_KEY: &str = "key-of-an-endpoint-that-is-not-built-in";

    /// A simulator seeded like the built-in one but called as an external endpoint.
    async fn external_simulator() -> RunningSimulator {
        Simulator::builder()
            .secret_key(EXTERNAL_KEY)
            .state(SimState::demo())
            .seed(|state| {
                for email in LEAD_EMAILS {
                    state.add_lead_with_email(email);
                }
            })
            .start()
            .await
            .expect("the simulator starts")
    }

    #[tokio::test]
    async fn an_endpoint_that_is_not_the_built_in_simulator_gets_a_redacted_signature() {
        let endpoint = external_simulator().await;
        let printed = printed_by(Args {
            endpoint: Some(endpoint.endpoint().to_owned()),
            user_id: Some(endpoint.user_id().to_owned()),
            secret_key: Some(EXTERNAL_KEY.to_owned()),
        })
        .await;
        assert!(
            printed.contains("requestCampaign request, attempt 1"),
            "{printed}"
        );
        let signature_start = printed
            .find("<requestSignature>")
            .expect("the request is printed")
            + "<requestSignature>".len();
        let shown = &printed[signature_start..];
        let (digits, rest) = shown.split_at(SIGNATURE_DIGITS_SHOWN);
        assert!(digits.chars().all(|c| c.is_ascii_hexdigit()), "{printed}");
        assert!(rest.starts_with("…</requestSignature>"), "{printed}");
        assert!(
            hex_runs(&printed, 40).is_empty(),
            "a full signature was printed:\n{printed}"
        );
        endpoint.shutdown().await;
    }

    #[tokio::test]
    async fn the_built_in_simulator_shows_the_whole_signature() {
        let printed = printed_by(Args {
            endpoint: None,
            user_id: None,
            secret_key: None,
        })
        .await;
        assert!(printed.contains("built-in Marketo simulator"), "{printed}");
        let signature_start = printed
            .find("<requestSignature>")
            .expect("the request is printed")
            + "<requestSignature>".len();
        let signature: String = printed[signature_start..]
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .collect();
        assert_eq!(signature.len(), 40, "{printed}");
    }

    #[tokio::test]
    async fn an_endpoint_without_credentials_is_refused() {
        let buffer: Output = Arc::new(Mutex::new(Vec::<u8>::new()));
        let error = run(
            Args {
                endpoint: Some("https://123-ABC-456.mktoapi.com/soap/mktows/2_2".to_owned()),
                user_id: Some("user".to_owned()),
                secret_key: None,
            },
            buffer,
        )
        .await
        .expect_err("refused");
        assert!(
            error.contains("--secret-key (or MKTOWS_SECRET_KEY)"),
            "{error}"
        );
    }

    #[test]
    fn arguments_parse_with_clap() {
        let args = Args::try_parse_from([
            "request_campaign",
            "--endpoint",
            "https://x.mktoapi.com/soap/mktows/2_2",
            "--user-id",
            "u",
        ])
        .expect("valid arguments");
        assert_eq!(
            args.endpoint.as_deref(),
            Some("https://x.mktoapi.com/soap/mktows/2_2")
        );
        assert_eq!(args.user_id.as_deref(), Some("u"));
        use clap::CommandFactory;
        Args::command().debug_assert();
    }
}
