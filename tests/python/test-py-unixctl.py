# SPDX-License-Identifier: Apache-2.0
"""Tests ovs.unixctl: a server with a few commands, queried with
ovs.unixctl.client and, if the environment variable OVS_APPCTL names an
ovs-appctl binary, with that too.

Usage: test-py-unixctl.py
"""

import sys

# Keep compiled files out of the source tree.
sys.dont_write_bytecode = True

import os
import shutil
import subprocess
import tempfile
import threading

import ovs.poller
import ovs.unixctl
import ovs.unixctl.client
import ovs.unixctl.server
import ovs.vlog


def main():
    tmpdir = tempfile.mkdtemp(prefix="pyovs.", dir="/tmp")
    try:
        run(os.path.join(tmpdir, "test.ctl"))
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def run(path):
    def hello(conn, argv, aux):
        conn.reply("hello %s: %s" % (aux, " ".join(argv)))

    def fail(conn, argv, aux):
        conn.reply_error("this command fails")

    ovs.unixctl.command_register("test/hello", "[ARG...]", 0, 2, hello,
                                 "world")
    ovs.unixctl.command_register("test/fail", "", 0, 0, fail, None)
    ovs.vlog.Vlog.init()
    ovs.vlog.Vlog.set_levels_from_string("console:off")

    error, server = ovs.unixctl.server.UnixctlServer.create(path,
                                                            version="1.2.3")
    if error:
        sys.exit("could not create server: %s" % os.strerror(error))
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            server.run()
            poller = ovs.poller.Poller()
            server.wait(poller)
            poller.timer_wait(50)
            poller.block()
    thread = threading.Thread(target=serve, daemon=True)
    thread.start()

    commands = [["test/hello"], ["test/hello", "a", "b"],
                ["test/hello", "a", "b", "c"], ["test/fail"],
                ["no/such/command"], ["version"], ["list-commands"],
                ["vlog/set", "bogus"], ["vlog/set", "reconnect:file:dbg"]]

    error, client = ovs.unixctl.client.UnixctlClient.create(path)
    if error:
        sys.exit("could not connect: %s" % os.strerror(error))
    for command in commands:
        error, err_text, result = client.transact(command[0], command[1:])
        print("%s -> error=%s" % (" ".join(command), error))
        if err_text is not None:
            print("  error: %s" % err_text.rstrip("\n"))
        if result is not None:
            for line in result.rstrip("\n").split("\n"):
                print("  %s" % line)
    client.close()

    appctl = os.environ.get("OVS_APPCTL")
    if appctl:
        # The C client talks to the Python server.
        for command in (["test/hello", "x"], ["test/fail"]):
            p = subprocess.run([appctl, "-t", path] + command,
                               capture_output=True, text=True)
            check = ("hello world: x" in p.stdout if p.returncode == 0
                     else "this command fails" in p.stderr)
            if not check:
                sys.exit("ovs-appctl %s: status %d, %r %r"
                         % (command, p.returncode, p.stdout, p.stderr))
        sys.stderr.write("ovs-appctl works with the Python server\n")

    stop.set()
    thread.join()
    server.close()
    if os.path.exists(path):
        sys.exit("control socket not removed")


if __name__ == "__main__":
    main()
