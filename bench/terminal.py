# Start-up of `threadlings --version` and `threadlings progress` on a terminal, as a learner
# runs them, against a bare `node -e 0` on the same terminal. bench/cli.js times them with
# output to a pipe; a terminal costs more (Node's tty stream, colours), and Node cannot make a
# pseudo-terminal, so this is Python's pty module (Unix only).
# Usage: npm run bench:tty [-- --runs 31]
# Reports medians (and min-max); never used as a test assertion.
import fcntl
import os
import pty
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, 'bin', 'threadlings.js')
NODE = shutil.which('node') or 'node'
runs = int(sys.argv[sys.argv.index('--runs') + 1]) if '--runs' in sys.argv else 31

workspace = tempfile.mkdtemp(prefix='threadlings-bench-tty-')
env = {k: v for k, v in os.environ.items() if k not in ('CI', 'THREADLINGS_COURSE_DIR', 'NO_COLOR', 'FORCE_COLOR')}
env.update(THREADLINGS_WORKSPACE=workspace, THREADLINGS_SPARE='0', TERM=env.get('TERM', 'xterm-256color'))
# A learner's record: one exercise attempted (its starter fails), as bench/cli.js sets up.
subprocess.run([NODE, BIN, 'init'], env=env, capture_output=True)
subprocess.run([NODE, BIN, 'check', 'processes/copies'], env=env, capture_output=True)


def once(args):
    """Wall time of one run on a fresh 120x40 pseudo-terminal, reading all it prints."""
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 120, 0, 0))
        os.execve(NODE, [NODE, *args], env)
    while True:
        try:
            if not os.read(fd, 65536):
                break
        except OSError:
            break
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f'node {" ".join(args)} failed on the terminal')
    return (time.perf_counter() - started) * 1000


cases = [('node -e 0 (baseline)', ['-e', '0']), ('threadlings --version', [BIN, '--version']), ('threadlings progress (13 lessons)', [BIN, 'progress'])]
samples = {label: [] for label, _ in cases}
for _, args in cases:
    once(args)  # warm the file cache and the code cache
for _ in range(runs):
    for label, args in cases:  # interleaved, so that a slow moment costs every case alike
        samples[label].append(once(args))
shutil.rmtree(workspace, ignore_errors=True)

base = statistics.median(samples[cases[0][0]])
print(f'On a terminal (pseudo-terminal, 120x40), {runs} runs each, median (min-max); Node {subprocess.run([NODE, "--version"], capture_output=True, text=True).stdout.strip()}')
for label, values in samples.items():
    median = statistics.median(values)
    print(f'{label:<40} {median:5.0f} ms ({min(values):.0f}-{max(values):.0f})  {median / base:.2f}x node')
if os.environ.get('NODE_EXTRA_CA_CERTS'):
    print('Note: NODE_EXTRA_CA_CERTS is set; for a machine without it: env -u NODE_EXTRA_CA_CERTS npm run bench:tty')
