//! Decode throughput of the generated models on the bundled examples, against
//! `serde_json::Value` and against plain derived structs with the same fields (no map of
//! unknown fields; see build.rs).
//!
//! `cargo xtask bench` runs it in a release build:
//! `decode-bench EXAMPLES.json [--quick] [--json OUT.json]`, where EXAMPLES.json is an array of
//! `{api, operation, status, request, body}` written by the xtask (`body` is the example's JSON
//! text, compact).

use serde::Deserialize;
use std::hint::black_box;
use std::time::{Duration, Instant};


include!(concat!(env!("OUT_DIR"), "/variants.rs"));

/// Decodes one body, dropping the value (the drop is part of the cost, for every variant alike).
pub type Decode = fn(&[u8]) -> serde_json::Result<()>;

/// One generated crate: its decoders, or why build.rs could not make them.
pub struct Api {
    pub name: &'static str,
    pub entries: fn() -> Vec<Entry>,
    pub skipped: Option<&'static str>,
}

/// How one (operation, status, request) body is decoded by each variant.
pub struct Entry {
    pub operation: &'static str,
    pub status: Option<u16>,
    pub request: bool,
    pub generated: Decode,
    pub plain: Decode,
}

pub fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> serde_json::Result<()> {
    serde_json::from_slice::<T>(bytes).map(drop)
}

fn decode_value(bytes: &[u8]) -> serde_json::Result<()> {
    serde_json::from_slice::<serde_json::Value>(bytes).map(drop)
}

#[derive(Deserialize)]
struct Example {
    api: String,
    operation: String,
    status: Option<u16>,
    request: bool,
    body: String,
}

/// One example ready to decode.
struct Case {
    api: String,
    body: Vec<u8>,
    generated: Decode,
    plain: Decode,
}

const VARIANTS: [&str; 3] = ["serde_json::Value", "plain derive (drops unknown fields)", "generated (keeps unknown fields)"];

fn run_variant(cases: &[&Case], variant: usize) -> usize {
    let mut bytes = 0;
    for c in cases {
        let f: Decode = match variant {
            0 => decode_value,
            1 => c.plain,
            _ => c.generated,
        };
        if black_box(f)(black_box(&c.body)).is_ok() {
            bytes += c.body.len();
        }
    }
    bytes
}

/// This thread's CPU time: unlike the wall clock it does not count the time a neighbour's
/// build holds the core (this machine is shared), so rounds vary less.
#[cfg(target_os = "linux")]
fn cpu_time() -> Duration {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut t = Timespec { sec: 0, nsec: 0 };
    // SAFETY: `t` is a valid, writable timespec; clock_gettime only writes it.
    let ok = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
    if ok {
        Duration::new(t.sec as u64, t.nsec as u32)
    } else {
        wall_since_start()
    }
}

#[cfg(not(target_os = "linux"))]
fn cpu_time() -> Duration {
    wall_since_start()
}

fn wall_since_start() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// MB/s of each variant, from CPU time: interleaved rounds (so what disturbs one round
/// disturbs all variants alike), best round kept, median given too.
fn measure(cases: &[&Case], budget: Duration, rounds: usize) -> [(f64, f64); 3] {
    let mut samples: [Vec<f64>; 3] = Default::default();
    for v in 0..3 {
        run_variant(cases, v);
    }
    let slice = budget / (rounds as u32 * 3);
    for _ in 0..rounds {
        for (v, s) in samples.iter_mut().enumerate() {
            let start = cpu_time();
            let mut bytes = 0usize;
            while cpu_time() - start < slice {
                bytes += run_variant(cases, v);
            }
            s.push(bytes as f64 / (cpu_time() - start).as_secs_f64() / 1e6);
        }
    }
    samples.map(|mut s| {
        s.sort_by(f64::total_cmp);
        (s[s.len() - 1], s[s.len() / 2])
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    let json_out = args.iter().position(|a| a == "--json").and_then(|i| args.get(i + 1)).cloned();
    let Some(path) = args.iter().find(|a| !a.starts_with("--") && Some(*a) != json_out.as_ref()) else {
        eprintln!("usage: decode-bench EXAMPLES.json [--quick] [--json OUT.json]");
        std::process::exit(2);
    };
    let examples: Vec<Example> = match std::fs::read(path).map_err(|e| e.to_string()).and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string())) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {path}: {e}");
            std::process::exit(2);
        }
    };
    let mut cases = Vec::new();
    let (mut unmatched, mut undecodable) = (0, 0);
    for Api { name: api, entries, skipped } in APIS {
        if let Some(why) = skipped {
            println!("  {api}: skipped ({why})");
        }
        let entries = entries();
        for ex in examples.iter().filter(|e| e.api == *api) {
            let Some(entry) = entries.iter().find(|e| e.operation == ex.operation && e.status == ex.status && e.request == ex.request) else {
                unmatched += 1;
                continue;
            };
            let body = ex.body.as_bytes();
            if (entry.generated)(body).is_err() {
                undecodable += 1;
                continue;
            }
            cases.push(Case { api: api.to_string(), body: body.to_vec(), generated: entry.generated, plain: entry.plain });
        }
    }
    let total: usize = cases.iter().map(|c| c.body.len()).sum();
    println!(
        "  {} examples, {:.1} KB of JSON ({} without a decoder, {} the generated model rejects)",
        cases.len(),
        total as f64 / 1e3,
        unmatched,
        undecodable
    );
    if cases.is_empty() {
        eprintln!("error: no examples to decode");
        std::process::exit(2);
    }
    let (budget, rounds) = if quick { (Duration::from_millis(800), 5) } else { (Duration::from_secs(8), 15) };
    let mut groups: Vec<(String, Vec<&Case>)> = vec![("all".into(), cases.iter().collect())];
    for api in APIS {
        groups.push((api.name.to_string(), cases.iter().filter(|c| c.api == api.name).collect()));
    }
    let mut results = Vec::new();
    for (name, group) in &groups {
        if group.is_empty() {
            continue;
        }
        let kb: usize = group.iter().map(|c| c.body.len()).sum();
        println!("  {name} ({} examples, {:.1} KB): MB/s of CPU time, best of {rounds} rounds (median)", group.len(), kb as f64 / 1e3);
        let r = measure(group, if name == "all" { budget } else { budget / 2 }, rounds);
        let plain = r[1].0;
        for (v, (best, median)) in r.iter().enumerate() {
            let ratio = if v == 0 { String::new() } else { format!("  {:.2}x the plain derive's time", plain / best) };
            println!("    {:<38} {best:>8.1} ({median:.1}){ratio}", VARIANTS[v]);
        }
        results.push(format!(
            "{{\"group\":{name:?},\"examples\":{},\"bytes\":{kb},\"value\":{:.2},\"plain\":{:.2},\"generated\":{:.2}}}",
            group.len(),
            r[0].0,
            r[1].0,
            r[2].0
        ));
    }
    if let Some(out) = json_out {
        let text = format!("{{\"results\":[{}]}}", results.join(","));
        if let Err(e) = std::fs::write(&out, text) {
            eprintln!("error: cannot write {out}: {e}");
        }
    }
}
