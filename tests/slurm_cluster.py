"""A throw-away single-node SLURM cluster on localhost, for tests.

Debian's ``slurm-wlm`` and ``munge`` (installed by ``.ci/run`` when missing). Everything the
cluster writes lives in one temporary folder: a fresh munge key and socket, ``slurm.conf``,
the controller's state, the node's spool and the logs. ``munged``, ``slurmctld`` and ``slurmd``
are started in the foreground as children of this process and stopped by their process ids
(never by name), so a developer's or CI machine's own daemons are left alone.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

DAEMONS = ("munged", "mungekey", "slurmctld", "slurmd", "sbatch", "squeue", "sinfo", "srun")
SBIN = ("/usr/sbin", "/usr/bin", "/sbin")
PARTITION = "debug"
# MinJobAge: how long a finished job stays visible to squeue (the plugin's status command here,
# without an accounting database); well above the plugin's 120 s recommendation.
MIN_JOB_AGE_S = 600


def which(name: str) -> str | None:
    """Path of a SLURM or munge program, also in sbin folders a non-root PATH may lack."""
    found = shutil.which(name)
    if found:
        return found
    for folder in SBIN:
        candidate = Path(folder) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def unavailable() -> str | None:
    """Why a local cluster cannot be started here (None if it can)."""
    missing = [d for d in DAEMONS if which(d) is None]
    if missing:
        return (f"SLURM/munge not installed ({', '.join(missing)} missing); "
                "`apt-get install slurm-wlm munge` (.ci/run does this in CI)")
    if os.geteuid() != 0:
        return "a local SLURM cluster needs root here (slurmd starts jobs as their user)"
    return None


def _free_ports(n: int) -> list[int]:
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def _memory_mb() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) // 1024
    raise RuntimeError("no MemTotal in /proc/meminfo")


def slurm_conf(root: Path, host: str, cpus: int, memory_mb: int) -> str:
    """A minimal single-node slurm.conf: no accounting database, no cgroups."""
    ctld_port, d_port = _free_ports(2)
    return "\n".join([
        "ClusterName=zorgtest",
        f"SlurmctldHost={host}",
        "SlurmUser=root",
        "SlurmdUser=root",
        f"SlurmctldPort={ctld_port}",
        f"SlurmdPort={d_port}",
        "AuthType=auth/munge",
        "CredType=cred/munge",
        f"AuthInfo=socket={root / 'munge.socket'}",
        f"StateSaveLocation={root / 'state'}",
        f"SlurmdSpoolDir={root / 'spool'}",
        f"SlurmctldPidFile={root / 'slurmctld.pid'}",
        f"SlurmdPidFile={root / 'slurmd.pid'}",
        f"SlurmctldLogFile={root / 'slurmctld.log'}",
        f"SlurmdLogFile={root / 'slurmd.log'}",
        "SlurmctldDebug=info",
        "SlurmdDebug=info",
        "ProctrackType=proctrack/linuxproc",
        "TaskPlugin=task/none",
        "MpiDefault=none",
        "ReturnToService=2",
        "SchedulerType=sched/builtin",
        "SelectType=select/cons_tres",
        "SelectTypeParameters=CR_CPU",
        "AccountingStorageType=accounting_storage/none",
        "JobAcctGatherType=jobacct_gather/none",
        "JobCompType=jobcomp/filetxt",
        f"JobCompLoc={root / 'jobcomp.log'}",
        f"MinJobAge={MIN_JOB_AGE_S}",
        "SlurmctldTimeout=30",
        "SlurmdTimeout=30",
        f"NodeName={host} CPUs={cpus} RealMemory={memory_mb} State=UNKNOWN",
        f"PartitionName={PARTITION} Nodes={host} Default=YES MaxTime=INFINITE State=UP",
        "",
    ])


@dataclass
class Cluster:
    root: Path
    env: dict[str, str]
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)

    def run(self, *cmd: str, timeout: float = 30) -> subprocess.CompletedProcess:
        return subprocess.run([which(cmd[0]) or cmd[0], *cmd[1:]], env=self.env,
                              capture_output=True, text=True, timeout=timeout)

    def log(self, name: str) -> str:
        path = self.root / name
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        """SIGTERM each daemon this cluster started (by pid), then SIGKILL what is left."""
        for name in ("slurmd", "slurmctld", "munged"):
            proc = self.procs.get(name)
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for proc in self.procs.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def start(root: Path, cpus: int | None = None) -> Cluster:
    """Start munged, slurmctld and slurmd for one node (this host) with state under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for sub in ("state", "spool", "munge"):
        (root / sub).mkdir(exist_ok=True)
    os.chmod(root / "munge", 0o700)
    host = socket.gethostname().split(".")[0]
    conf = root / "slurm.conf"
    conf.write_text(slurm_conf(root, host, cpus or os.cpu_count() or 1, _memory_mb()))
    # The jobstep plugin runs each job's command through `srun` with every SLURM_* variable but
    # the job's identity removed, SLURM_CONF included: on a real cluster srun finds slurm.conf in
    # /etc/slurm. Here a shim first on PATH points it at this cluster's file instead.
    shims = root / "bin"
    shims.mkdir(exist_ok=True)
    (shims / "srun").write_text(f'#!/bin/sh\nSLURM_CONF="{conf}" exec {which("srun")} "$@"\n')
    (shims / "srun").chmod(0o755)
    env = {**os.environ, "SLURM_CONF": str(conf), "PATH": f"{shims}:{os.environ['PATH']}"}
    cluster = Cluster(root, env)
    key = root / "munge" / "munge.key"
    subprocess.run([which("mungekey"), "--create", f"--keyfile={key}"], check=True,
                   capture_output=True)
    os.chmod(key, 0o400)
    try:
        cluster.procs["munged"] = subprocess.Popen(
            [which("munged"), "--foreground", "--force", f"--key-file={key}",
             f"--socket={root / 'munge.socket'}", f"--pid-file={root / 'munge' / 'munged.pid'}",
             f"--seed-file={root / 'munge' / 'munged.seed'}",
             f"--log-file={root / 'munged.log'}"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        _wait(lambda: (root / "munge.socket").exists(), 10, "munged socket", cluster)
        cluster.procs["slurmctld"] = subprocess.Popen(
            [which("slurmctld"), "-D", "-i", "-f", str(conf)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        cluster.procs["slurmd"] = subprocess.Popen(
            [which("slurmd"), "-D", "-f", str(conf)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        _wait(lambda: _idle(cluster), 60, "the node to become idle", cluster)
    except BaseException:
        cluster.stop()
        raise
    return cluster


def _idle(cluster: Cluster) -> bool:
    for name, proc in cluster.procs.items():
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with {proc.returncode}:\n"
                               f"{cluster.log(name + '.log')[-2000:]}")
    out = cluster.run("sinfo", "-h", "-o", "%t")
    return out.returncode == 0 and out.stdout.strip() == "idle"


def _wait(ready, timeout: float, what: str, cluster: Cluster) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.3)
    raise RuntimeError(f"timed out waiting for {what}:\n{cluster.log('slurmctld.log')[-2000:]}"
                       f"\n{cluster.log('slurmd.log')[-2000:]}")
