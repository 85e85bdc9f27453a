//! A real terminal for end-to-end tests, built from Rust crates alone: the `vetdesk` binary runs in a
//! pseudo-terminal this test opens (portable-pty), and everything it writes goes through a terminal
//! emulator (vt100), so a test reads the screen, its attributes and the terminal's modes as a user's
//! terminal would have them.
//!
//! Nothing here sleeps for correctness: every wait watches the emulated screen until what it waits for
//! appears, and fails with the screen as it was when the deadline passed.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

use super::Env;

/// How long any one wait may take: generous, for a loaded two-core machine. A wait that passes returns
/// as soon as the screen shows what it waited for.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// Keys as a terminal in raw mode sends them.
pub mod key {
    pub const ENTER: &[u8] = b"\r";
    pub const TAB: &[u8] = b"\t";
    pub const ESC: &[u8] = b"\x1b";
    pub const CTRL_C: &[u8] = b"\x03";
    pub const CTRL_S: &[u8] = b"\x13";
    pub const CTRL_Z: &[u8] = b"\x1a";
}

/// What the reader thread keeps: the emulated terminal, every byte the program wrote, and whether the
/// program's side of the terminal has closed.
struct Emulator {
    parser: vt100::Parser,
    output: Vec<u8>,
    closed: bool,
}

struct Shared {
    emulator: Mutex<Emulator>,
    /// Signalled after every chunk of output, and when the output ends.
    changed: Condvar,
}

/// `vetdesk` running in a pseudo-terminal of its own.
pub struct Terminal {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    shared: Arc<Shared>,
    reader: Option<JoinHandle<()>>,
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }
}

fn non_zero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal has at least one row and one column")
}

impl Terminal {
    /// Opens the workstation on `env`'s workspace in a `rows`×`cols` terminal.
    pub fn open(env: &Env, rows: u16, cols: u16) -> Terminal {
        Terminal::open_with(env, rows, cols, &[])
    }

    /// [`Terminal::open`] with extra environment variables (`NO_COLOR`…). The program sees only the
    /// variables set here: the workspace, config and key folder of `env`, `USER=ana`, an xterm `TERM`.
    pub fn open_with(env: &Env, rows: u16, cols: u16, vars: &[(&str, &str)]) -> Terminal {
        Terminal::spawn(env, rows, cols, vars, CommandBuilder::new(env!("CARGO_BIN_EXE_vetdesk")))
    }

    /// An interactive POSIX shell (`sh -i`, with job control) in the terminal, with `env`'s variables, the
    /// prompt `shell$ ` and the binary's path in `$VETDESK`: for what a shell does with the workstation.
    pub fn open_shell(env: &Env, rows: u16, cols: u16) -> Terminal {
        let mut cmd = CommandBuilder::new("/bin/sh");
        cmd.arg("-i");
        let vars = [("PS1", "shell$ "), ("VETDESK", env!("CARGO_BIN_EXE_vetdesk"))];
        Terminal::spawn(env, rows, cols, &vars, cmd)
    }

    /// A script run without job control (`sh -c SCRIPT`) as the terminal's first program, as a terminal
    /// multiplexer runs a command it is given; the binary's path in `$VETDESK`.
    pub fn open_script(env: &Env, rows: u16, cols: u16, script: &str) -> Terminal {
        let mut cmd = CommandBuilder::new("/bin/sh");
        cmd.args(["-c", script]);
        Terminal::spawn(env, rows, cols, &[("VETDESK", env!("CARGO_BIN_EXE_vetdesk"))], cmd)
    }

    fn spawn(env: &Env, rows: u16, cols: u16, vars: &[(&str, &str)], mut cmd: CommandBuilder) -> Terminal {
        let pair = native_pty_system().openpty(size(rows, cols)).expect("open a pseudo-terminal");
        cmd.cwd(env.dir.path());
        cmd.env_clear();
        cmd.env("VETDESK_DB", &env.db);
        cmd.env("VETDESK_CONFIG", env.dir.path().join("config.toml"));
        cmd.env("VETDESK_KEY_DIR", env.keys());
        cmd.env("USER", "ana");
        cmd.env("HOME", env.dir.path());
        cmd.env("TERM", "xterm-256color");
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        for (name, value) in vars {
            cmd.env(name, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("start the program in the pseudo-terminal");
        // Our copy of the program's side must go, or reading never sees the end when the program exits.
        drop(pair.slave);

        let shared = Arc::new(Shared {
            emulator: Mutex::new(Emulator {
                parser: vt100::Parser::new(non_zero(rows), non_zero(cols), 0),
                output: Vec::new(),
                closed: false,
            }),
            changed: Condvar::new(),
        });
        let reader = {
            let mut from_program = pair.master.try_clone_reader().expect("read the terminal");
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || {
                let mut buf = [0u8; 16 * 1024];
                loop {
                    // Linux answers EIO once the program's side has closed: the same end as Ok(0).
                    let n = match from_program.read(&mut buf) {
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        Ok(0) | Err(_) => break,
                        Ok(n) => n,
                    };
                    let mut emulator = shared.emulator.lock().unwrap_or_else(|e| e.into_inner());
                    emulator.parser.process(&buf[..n]);
                    emulator.output.extend_from_slice(&buf[..n]);
                    drop(emulator);
                    shared.changed.notify_all();
                }
                shared.emulator.lock().unwrap_or_else(|e| e.into_inner()).closed = true;
                shared.changed.notify_all();
            })
        };
        let writer = pair.master.take_writer().expect("write to the terminal");
        Terminal { master: pair.master, writer, child, shared, reader: Some(reader) }
    }

    fn emulator(&self) -> MutexGuard<'_, Emulator> {
        self.shared.emulator.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Reads the emulated screen as it is now.
    pub fn with_screen<R>(&self, read: impl FnOnce(&vt100::Screen) -> R) -> R {
        read(self.emulator().parser.screen())
    }

    /// The screen's text, row by row.
    pub fn screen(&self) -> String {
        self.with_screen(vt100::Screen::contents)
    }

    /// Every byte the program has written to the terminal so far.
    pub fn output(&self) -> Vec<u8> {
        self.emulator().output.clone()
    }

    /// Waits until `ready` holds for the screen, or fails naming `what` and showing the screen. Wakes
    /// on every chunk of output rather than on a clock.
    pub fn wait_until(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        let mut emulator = self.emulator();
        loop {
            if ready(emulator.parser.screen()) {
                return;
            }
            let now = Instant::now();
            assert!(
                now < deadline && !emulator.closed,
                "waited {:?} for {what}; {}; screen:\n{}",
                PATIENCE,
                if emulator.closed { "the program closed the terminal" } else { "still running" },
                emulator.parser.screen().contents()
            );
            emulator = self.shared.changed.wait_timeout(emulator, deadline - now).unwrap_or_else(|e| e.into_inner()).0;
        }
    }

    /// Waits until the screen shows `text`; returns the screen.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contents().contains(text));
        self.screen()
    }

    /// Sends bytes as typed keys (see [`key`]).
    pub fn keys(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the terminal");
        self.writer.flush().expect("flush the terminal");
    }

    /// Types text, one character after another as a keyboard would send it.
    pub fn type_text(&mut self, text: &str) {
        self.keys(text.as_bytes());
    }

    /// Pastes `text` as a terminal does: inside bracketed-paste marks when the program asked for them.
    pub fn paste(&mut self, text: &str) {
        if self.with_screen(vt100::Screen::bracketed_paste) {
            let mut bytes = Vec::with_capacity(text.len() + 12);
            bytes.extend_from_slice(b"\x1b[200~");
            bytes.extend_from_slice(text.as_bytes());
            bytes.extend_from_slice(b"\x1b[201~");
            self.keys(&bytes);
        } else {
            self.type_text(text);
        }
    }

    /// Resizes the terminal as a window manager would: the emulator takes the new size, then the
    /// pseudo-terminal, which signals the program (SIGWINCH).
    /// Whether the terminal's line discipline is back in cooked mode (canonical input and echo on), as a
    /// shell needs it: the raw mode the workstation sets must be undone when it ends.
    pub fn cooked(&self) -> bool {
        use nix::sys::termios::LocalFlags;
        let termios = self.master.get_termios().expect("read the terminal's modes");
        termios.local_flags.contains(LocalFlags::ICANON | LocalFlags::ECHO)
    }

    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.emulator().parser.set_size(non_zero(rows), non_zero(cols));
        self.master.resize(size(rows, cols)).expect("resize the pseudo-terminal");
    }

    /// Stops the program (SIGSTOP) while `meanwhile` runs, then lets it go on (SIGCONT): whatever
    /// happened meanwhile reaches it at once, as it reaches a program too busy to read. Resizes made
    /// meanwhile arrive as one, at the last size.
    pub fn while_stopped(&mut self, meanwhile: impl FnOnce(&mut Terminal)) {
        use nix::sys::signal::{Signal, kill};
        let pid = nix::unistd::Pid::from_raw(self.child.process_id().expect("vetdesk's process id") as i32);
        kill(pid, Signal::SIGSTOP).expect("stop vetdesk");
        meanwhile(self);
        kill(pid, Signal::SIGCONT).expect("continue vetdesk");
    }

    /// Writes `bytes` to the screen as another program sharing the terminal would (a shell while the
    /// workstation is stopped): the emulator shows them, the workstation does not see them.
    pub fn scribble(&mut self, bytes: &[u8]) {
        self.emulator().parser.process(bytes);
    }

    /// Puts the terminal in cooked mode (line editing and echo), as a shell does when it takes the terminal
    /// back from a job that stopped.
    pub fn make_cooked(&mut self) {
        use nix::sys::termios::{LocalFlags, SetArg, tcgetattr, tcsetattr};
        use std::os::unix::fs::OpenOptionsExt;
        let path = self.master.tty_name().expect("the terminal's device");
        let tty = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(nix::fcntl::OFlag::O_NOCTTY.bits())
            .open(path)
            .expect("open the terminal");
        let mut modes = tcgetattr(&tty).expect("read the terminal's modes");
        modes.local_flags.insert(LocalFlags::ICANON | LocalFlags::ECHO);
        tcsetattr(&tty, SetArg::TCSANOW, &modes).expect("set the terminal's modes");
    }

    /// Sends `signal` to the program, as `kill` would.
    pub fn signal(&mut self, signal: nix::sys::signal::Signal) {
        let pid = nix::unistd::Pid::from_raw(self.child.process_id().expect("vetdesk's process id") as i32);
        nix::sys::signal::kill(pid, signal).expect("signal vetdesk");
    }

    /// Sends `signal` to the terminal's foreground job (the program a shell runs in the foreground), as
    /// `kill` from another terminal would.
    pub fn signal_foreground(&mut self, signal: nix::sys::signal::Signal) {
        let leader = self.master.process_group_leader().expect("the terminal's foreground process group");
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(leader), signal).expect("signal the foreground job");
    }

    /// A left click at a 0-based cell, as an SGR (1006) mouse report: press, then release.
    pub fn click(&mut self, col: u16, row: u16) {
        let (x, y) = (col + 1, row + 1);
        self.keys(format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m").as_bytes());
    }

    /// One notch of the wheel down (`down`) or up at a 0-based cell, as an SGR mouse report.
    pub fn wheel(&mut self, col: u16, row: u16, down: bool) {
        let button = if down { 65 } else { 64 };
        self.keys(format!("\x1b[<{button};{};{}M", col + 1, row + 1).as_bytes());
    }

    /// The 0-based (row, column) where `text` first appears on the screen.
    pub fn find(&self, text: &str) -> Option<(u16, u16)> {
        self.with_screen(|s| {
            let (_, cols) = s.size();
            s.rows(0, cols.get()).enumerate().find_map(|(row, line)| {
                let at = line.find(text)?;
                Some((row as u16, line[..at].chars().count() as u16))
            })
        })
    }

    /// Whether every cell of `text`'s first appearance is drawn in reverse video.
    pub fn is_inverse(&self, text: &str) -> bool {
        let (row, col) = self.find(text).unwrap_or_else(|| panic!("{text:?} is not on the screen:\n{}", self.screen()));
        self.with_screen(|s| {
            (col..col + text.chars().count() as u16).all(|c| s.cell(row, c).is_some_and(vt100::Cell::inverse))
        })
    }

    /// Waits for the program to end and for its last output to reach the emulator; fails if it has not
    /// ended within [`PATIENCE`].
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + PATIENCE;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("ask whether vetdesk ended") {
                break status;
            }
            assert!(Instant::now() < deadline, "vetdesk did not end within {PATIENCE:?}; screen:\n{}", self.screen());
            // Exit is not something the screen shows; poll the process instead.
            std::thread::sleep(Duration::from_millis(20));
        };
        self.wait_closed(deadline);
        status
    }

    /// Waits until the program's side of the terminal has closed and all its output has been read.
    fn wait_closed(&self, deadline: Instant) {
        let mut emulator = self.emulator();
        while !emulator.closed {
            let now = Instant::now();
            assert!(
                now < deadline,
                "vetdesk ended but its terminal stayed open; screen:\n{}",
                emulator.parser.screen().contents()
            );
            emulator = self.shared.changed.wait_timeout(emulator, deadline - now).unwrap_or_else(|e| e.into_inner()).0;
        }
    }

    /// Whether the program is still running.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().expect("ask whether vetdesk ended").is_none()
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        if self.running() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        // The reader ends by itself once every holder of the program's side has closed it; a test
        // does not wait for a grandchild that might keep it open.
        if let Some(reader) = self.reader.take()
            && reader.is_finished()
        {
            let _ = reader.join();
        }
    }
}

/// The program took the terminal over as a full-screen program does: the checks of
/// [`assert_terminal_restored`] could fail.
pub fn assert_terminal_taken(t: &Terminal) {
    // The cursor is hidden after the first frame's text is written, so this waits rather than looks.
    t.wait_until("the alternate screen, a hidden cursor, mouse reports and bracketed paste", |s| {
        s.alternate_screen()
            && s.hide_cursor()
            && s.mouse_protocol_mode() != vt100::MouseProtocolMode::None
            && s.bracketed_paste()
    });
}

/// The terminal is handed back as it was: the main screen, a visible cursor, no mouse reports, no
/// bracketed paste.
pub fn assert_terminal_restored(t: &Terminal) {
    t.with_screen(|s| {
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "the cursor is still hidden");
        assert_eq!(s.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse reporting left on");
        assert!(!s.bracketed_paste(), "bracketed paste left on");
    });
    assert!(t.cooked(), "the terminal was left in raw mode (no line editing or echo)");
}

/// Quits from the case list with `q`: exit status 0 and the terminal restored.
pub fn quit(t: &mut Terminal) {
    t.keys(b"q");
    let status = t.wait_exit();
    assert!(status.success(), "vetdesk exited with {status}; screen:\n{}", t.screen());
    assert_terminal_restored(t);
}
