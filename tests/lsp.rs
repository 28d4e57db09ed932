//! `mediac lsp` driven as a process over stdio with JSON-RPC, as an editor drives it.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: mpsc::Receiver<Value>,
    next_id: i64,
    /// Messages read while waiting for another.
    backlog: Vec<Value>,
    _cache: tempfile::TempDir,
}

impl Client {
    fn start(root: &std::path::Path) -> Client {
        Client::start_with(root, json!({}))
    }

    fn start_with(root: &std::path::Path, options: Value) -> Client {
        let cache = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_mediac"))
            .arg("lsp")
            .env("XDG_CACHE_HOME", cache.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; len.unwrap()];
                r.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut c = Client {
            child,
            stdin,
            rx,
            next_id: 1,
            backlog: Vec::new(),
            _cache: cache,
        };
        let root_uri = format!("file://{}", root.display());
        let init = c.request(
            "initialize",
            json!({ "processId": null, "rootUri": root_uri, "capabilities": {},
                    "initializationOptions": options,
                    "workspaceFolders": [{ "uri": root_uri, "name": "w" }] }),
        );
        assert_eq!(init["result"]["serverInfo"]["name"], "mediac");
        c.notify("initialized", json!({}));
        c
    }

    fn raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        let m = json!({ "jsonrpc": "2.0", "method": method, "params": params });
        self.raw(&m.to_string());
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let m = json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params });
        self.raw(&m.to_string());
        self.wait(|m| m["id"] == json!(id))
    }

    /// The first message (new or held back) that `pred` accepts.
    fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i);
        }
        loop {
            let m = self
                .rx
                .recv_timeout(Duration::from_secs(30))
                .expect("no message from the server within 30 s");
            if pred(&m) {
                return m;
            }
            self.backlog.push(m);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "media", "version": 1, "text": text } }),
        );
    }

    fn stop(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert!(r["error"].is_null(), "{r}");
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "{status}");
    }
}

fn position(text: &str, needle: &str, skip: usize) -> Value {
    let at = text.find(needle).unwrap() + skip;
    let line = text[..at].matches('\n').count();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let character = text[line_start..at].encode_utf16().count();
    json!({ "line": line, "character": character })
}

#[test]
fn an_error_is_published_with_its_utf16_range_and_cleared_when_fixed() {
    let dir = tempfile::tempdir().unwrap();
    // Without the shipped claim sets: no verdict summaries, so a fixed file has no diagnostic.
    let mut c = Client::start_with(dir.path(), json!({ "shippedClaims": false }));
    let uri = format!("file://{}/spec.media", dir.path().display());
    // `²` and `µ` before the error on its line: two UTF-8 bytes, one UTF-16 unit each.
    let text = "medium \"M\" {\n  support { paper = 170 g/m2 }\n  layer \"top²µ\" { thickness = 30 g/m2 }\n}\n";
    c.open(&uri, text);
    let d = c.diagnostics(&uri);
    let errors: Vec<&Value> = d.iter().filter(|d| d["severity"] == 1).collect();
    assert_eq!(errors.len(), 1, "{d:?}");
    assert_eq!(errors[0]["code"], "media::unit::wrong_dimension");
    assert_eq!(errors[0]["source"], "mediac");
    assert_eq!(errors[0]["range"]["start"], position(text, "30 g/m2", 0));
    assert_eq!(errors[0]["range"]["end"], position(text, "30 g/m2", 7));
    // 30 UTF-16 units; in bytes it would be 32.
    assert_eq!(errors[0]["range"]["start"]["character"], 30);

    // The fix, as an incremental edit of just the unit.
    let from = position(text, "g/m2 }\n}", 0);
    let to = position(text, "g/m2 }\n}", 4);
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 },
                "contentChanges": [{ "range": { "start": from, "end": to }, "text": "µm" }] }),
    );
    let d = c.diagnostics(&uri);
    assert!(d.is_empty(), "{d:?}");
    c.stop();
}

#[test]
fn hover_definition_and_completion() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path());
    let uri = format!("file://{}/gloss.media", dir.path().display());
    let text = "medium \"Gloss\" {\n  support { paper = 170 g/m2 }\n  layer \"top\" {\n    solid_content = 20 g/m2\n    silica = 80 wt%\n    pva = 20 wt%\n    thickness = 30 µm\n  }\n}\n\nexpect \"Gloss\" meets thermoplastic_upper_layer.claim 1\n";
    c.open(&uri, text);
    c.diagnostics(&uri);
    let doc = json!({ "uri": uri });

    let h = c.request(
        "textDocument/hover",
        json!({ "textDocument": doc, "position": position(text, "80 wt%", 1) }),
    );
    let shown = h["result"]["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("coat weight: 16 g/m² (derived)"), "{shown}");
    assert!(shown.contains("given: `80 wt%`"), "{shown}");

    let d = c.request(
        "textDocument/definition",
        json!({ "textDocument": doc, "position": position(text, "claim 1\n", 6) }),
    );
    let target = &d["result"];
    assert!(
        target["uri"]
            .as_str()
            .unwrap()
            .ends_with("claims/thermoplastic_upper_layer.media"),
        "{d}"
    );
    let shipped = mediac::compile::SHIPPED_CLAIMS
        .iter()
        .find(|(n, _)| n.ends_with("thermoplastic_upper_layer.media"))
        .unwrap()
        .1;
    let line = target["range"]["start"]["line"].as_u64().unwrap() as usize;
    assert!(
        shipped
            .lines()
            .nth(line)
            .unwrap()
            .trim_start()
            .starts_with("claim 1 medium"),
        "{}",
        shipped.lines().nth(line).unwrap()
    );

    // Typing a thickness: `= 30 ` offers lengths, not coat weights.
    let typing = text.replace("thickness = 30 µm", "thickness = 30 ");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": typing }] }),
    );
    let r = c.request(
        "textDocument/completion",
        json!({ "textDocument": doc, "position": position(&typing, "thickness = 30 ", 15) }),
    );
    let labels: Vec<&str> = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"µm") && labels.contains(&"mm"),
        "{labels:?}"
    );
    assert!(!labels.iter().any(|l| l.contains("g/m")), "{labels:?}");
    c.stop();
}

#[test]
fn bad_messages_and_positions_get_errors_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path());
    c.raw("{ this is not json");
    let e = c.wait(|m| m["id"].is_null() && !m["error"].is_null());
    assert_eq!(e["error"]["code"], -32700);

    let uri = format!("file://{}/a.media", dir.path().display());
    c.open(&uri, "medium \"A\" { support { paper = 170 g/m2 } }\n");
    let past = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 40, "character": 0 } }),
    );
    assert_eq!(past["error"]["code"], -32602, "{past}");
    let unknown = c.request("mediac/nothing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    // Still serving.
    let h = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 30 } }),
    );
    assert!(h["error"].is_null(), "{h}");
    c.stop();
}

#[test]
fn quick_fixes_replace_a_misspelling_and_state_a_missing_fact() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path());
    let uri = format!("file://{}/q.media", dir.path().display());
    let text = "claimset thick \"Thick (test)\" {\n  source \"test\"\n  claim 1 medium {\n    \"A medium\": medium M\n    \"a layer\": layer L in M\n    \"at least 5 µm thick\": L.thickness >= 5 µm\n  }\n}\n\nmedium \"A\" {\n  support { paper = 170 g/m2 }\n  layer \"top\" { silica = 5 g/m2; pva = 1 g/m2 }\n}\n\nmedium \"B\" {\n  support { paper = 170 g/m2 }\n  layer \"top\" { silca = 5 g/m2 }\n}\n";
    c.open(&uri, text);
    c.diagnostics(&uri);
    let doc = json!({ "uri": uri });
    let actions = |c: &mut Client, needle: &str| -> Vec<Value> {
        let at = position(text, needle, 0);
        let r = c.request(
            "textDocument/codeAction",
            json!({ "textDocument": doc, "range": { "start": at, "end": at }, "context": { "diagnostics": [] } }),
        );
        r["result"].as_array().unwrap().clone()
    };
    let typo = actions(&mut c, "silca");
    assert_eq!(typo.len(), 1, "{typo:?}");
    assert_eq!(typo[0]["title"], "replace with `silica`");
    let edit = &typo[0]["edit"]["changes"][&uri][0];
    assert_eq!(edit["newText"], "silica");
    assert_eq!(edit["range"]["start"], position(text, "silca", 0));

    // Medium A's thickness is not given: claim 1 is undetermined. The fix writes the entry
    // without a value.
    let fact = actions(&mut c, "layer \"top\" { silica");
    let titles: Vec<&str> = fact.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["state the thickness of layer \"top\""]);
    let edit = &fact[0]["edit"]["changes"][&uri][0];
    assert_eq!(
        edit["newText"],
        "\n    thickness =   // state the thickness of the layer (in µm)"
    );
    c.stop();
}
