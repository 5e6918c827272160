//! Decode throughput of the generated models on the bundled examples, against
//! `serde_json::Value`, against plain derived structs with the same fields (no map of unknown
//! fields) and against a faster way to keep unknown fields (see build.rs).
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
    pub ty: &'static str,
    pub generated: Decode,
    pub plain: Decode,
    pub fast: Decode,
    /// Whether the fast variant decodes to what the generated model does (compared re-encoded).
    pub fast_agrees: fn(&[u8]) -> Result<(), String>,
}

pub fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> serde_json::Result<()> {
    serde_json::from_slice::<T>(bytes).map(drop)
}

pub fn agrees<G, F>(bytes: &[u8]) -> Result<(), String>
where
    G: serde::de::DeserializeOwned + serde::Serialize,
    F: serde::de::DeserializeOwned + serde::Serialize,
{
    let g = serde_json::from_slice::<G>(bytes).map_err(|e| format!("generated: {e}"))?;
    let f = serde_json::from_slice::<F>(bytes).map_err(|e| format!("fast: {e}"))?;
    let (g, f) = (serde_json::to_value(g).map_err(|e| e.to_string())?, serde_json::to_value(f).map_err(|e| e.to_string())?);
    if g == f {
        Ok(())
    } else {
        Err(format!("generated gives {g}, fast gives {f}"))
    }
}

fn decode_value(bytes: &[u8]) -> serde_json::Result<()> {
    serde_json::from_slice::<serde_json::Value>(bytes).map(drop)
}

/// What the fast variant needs at run time: a borrowed key and serde's rule for absent fields.
pub mod fastde {
    use serde::de::{self, Deserialize, Deserializer, Visitor};
    use std::borrow::Cow;
    use std::marker::PhantomData;

    /// An object key, borrowed from the input when it has no escapes.
    pub struct Key<'de>(Cow<'de, str>);

    impl Key<'_> {
        pub fn as_str(&self) -> &str {
            &self.0
        }
        pub fn into_string(self) -> String {
            self.0.into_owned()
        }
    }

    impl<'de> Deserialize<'de> for Key<'de> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Key<'de>;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a field name")
                }
                fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                    Ok(Key(Cow::Borrowed(v)))
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                    Ok(Key(Cow::Owned(v.to_owned())))
                }
                fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                    Ok(Key(Cow::Owned(v)))
                }
            }
            d.deserialize_str(V)
        }
    }

    /// An absent field: `None` for an `Option`, an error for anything else (serde's own rule).
    pub fn missing<'de, T: Deserialize<'de>, E: de::Error>(field: &'static str) -> Result<T, E> {
        T::deserialize(Missing(field, PhantomData))
    }

    struct Missing<E>(&'static str, PhantomData<E>);

    impl<'de, E: de::Error> Deserializer<'de> for Missing<E> {
        type Error = E;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, E> {
            Err(E::missing_field(self.0))
        }
        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
            visitor.visit_none()
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
        }
    }
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
    fast: Decode,
}

const VARIANTS: [&str; 4] = ["serde_json::Value", "plain derive (drops unknown fields)", "generated (#[serde(flatten)] map)", "fast visitor (keeps unknown fields)"];

fn run_variant(cases: &[&Case], variant: usize) -> usize {
    let mut bytes = 0;
    for c in cases {
        let f: Decode = match variant {
            0 => decode_value,
            1 => c.plain,
            2 => c.generated,
            _ => c.fast,
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
fn measure(cases: &[&Case], budget: Duration, rounds: usize) -> [(f64, f64); 4] {
    let mut samples: [Vec<f64>; 4] = Default::default();
    for v in 0..4 {
        run_variant(cases, v);
    }
    let slice = budget / (rounds as u32 * 4);
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
    let (mut unmatched, mut undecodable, mut disagreements) = (0, 0, Vec::new());
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
            if let Err(e) = (entry.fast_agrees)(body) {
                disagreements.push(format!("{api} {} {:?} {}: {e}", ex.operation, ex.status, entry.ty));
            }
            cases.push(Case { api: api.to_string(), body: body.to_vec(), generated: entry.generated, plain: entry.plain, fast: entry.fast });
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
    if disagreements.is_empty() {
        println!("  the fast visitor decodes every example to what the generated model does (compared re-encoded)");
    } else {
        println!("  the fast visitor disagrees with the generated model on {} examples:", disagreements.len());
        for d in disagreements.iter().take(5) {
            println!("    {d}");
        }
    }
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
            "{{\"group\":{name:?},\"examples\":{},\"bytes\":{kb},\"value\":{:.2},\"plain\":{:.2},\"generated\":{:.2},\"fast\":{:.2}}}",
            group.len(),
            r[0].0,
            r[1].0,
            r[2].0,
            r[3].0
        ));
    }
    if let Some(out) = json_out {
        let text = format!("{{\"disagreements\":{},\"results\":[{}]}}", disagreements.len(), results.join(","));
        if let Err(e) = std::fs::write(&out, text) {
            eprintln!("error: cannot write {out}: {e}");
        }
    }
}
