"""`make reproduce` output: one line per job that makes something, a summary, a job table."""

import logging
import subprocess
import sys

from snakemake_interface_logger_plugins.common import LogEvent

from analysis.pipeline import reproduce


def record(event, **extra) -> logging.LogRecord:
    rec = logging.LogRecord("snakemake.logging", logging.INFO, __file__, 1, "", None, None)
    rec.event = event
    rec.__dict__.update(extra)
    return rec


def test_one_line_per_job_and_a_summary(capsys, tmp_path):
    lines = reproduce.JobLines()
    jobs = [(1, "synthetic_ycnd_synthetic", {}), (2, "check_parameters", {"evaluation": "a"}),
            (3, "run_notebook", {"run": "ycnd_bmi"}), (4, "publish", {"run": "ycnd_bmi"}),
            (5, "ledger", {})]
    for jobid, rule, wildcards in jobs:
        assert lines.filter(record(LogEvent.JOB_INFO, jobid=jobid, rule_name=rule,
                                   wildcards=wildcards))
        assert not lines.filter(record(LogEvent.JOB_FINISHED, job_id=jobid))  # replaced
    lines.filter(record(LogEvent.JOB_INFO, jobid=6, rule_name="run_notebook",
                        wildcards={"run": "flaky"}))
    assert lines.filter(record(LogEvent.JOB_ERROR, jobid=6, rule_name="run_notebook",
                               wildcards={"run": "flaky"}))  # errors are shown
    out = capsys.readouterr().out.splitlines()
    # runs print their own line (the runner), bookkeeping (checks, copies) prints none
    assert [line.rsplit(" in ", 1)[0] for line in out] == [
        "\u2713 made synthetic data ycnd_synthetic", "\u2713 ledger",
        "\u2717 run_notebook flaky failed (its error is above)"]
    summary = lines.summary(245.3)
    assert summary == ("Snakemake: 1 notebook run, 1 synthetic dataset, the ledger (5 jobs) in "
                       "4 min 05 s; FAILED: run_notebook flaky")
    lines.write_table(tmp_path / "jobs.tsv")
    rows = (tmp_path / "jobs.tsv").read_text().splitlines()
    assert rows[0] == "rule\tjob\tseconds\tstatus" and len(rows) == 7
    assert rows[-1] == "run_notebook\trun_notebook flaky\t\tfailed"


def test_scheduler_chatter_is_held_back():
    lines = reproduce.JobLines()
    plain = logging.LogRecord("snakemake.logging", logging.INFO, __file__, 1, "", None, None)
    for msg, shown in (("Select jobs to execute...", False), ("Execute 1 jobs...", False),
                       ("Nothing to be done (all requested files are present and up to date).",
                        True), ("MissingInputException in rule x", True)):
        plain.msg = msg
        assert lines.filter(plain) is shown, msg
    # Snakemake 9 logs these as events, not plain messages: "Execute 1 jobs..." (JOB_STARTED),
    # "Provided cores: 1" and "Rules claiming more threads" (RESOURCES_INFO)
    for event in (LogEvent.JOB_STARTED, LogEvent.RESOURCES_INFO):
        assert not lines.filter(record(event, msg="Execute 1 jobs...", jobs=[1]))


def test_a_dry_run_says_what_would_run_one_line_each(capsys):
    lines = reproduce.JobLines(dry_run=True)
    for jobid, rule, wildcards in [(1, "run_notebook", {"run": "ycnd_bmi"}),
                                   (2, "publish", {"run": "ycnd_bmi"}), (3, "ledger", {})]:
        assert not lines.filter(record(LogEvent.JOB_INFO, jobid=jobid, rule_name=rule,
                                       wildcards=wildcards))  # no block of paths
    assert capsys.readouterr().out.splitlines() == [
        "\u00b7 would run run_notebook ycnd_bmi", "\u00b7 would run ledger"]
    assert lines.summary(0) == ("Snakemake (dry run, nothing executed): would run "
                                "1 notebook run, the ledger (3 jobs)")
    assert reproduce.is_dry_run(["--cores", "1", "-n", "publish_all"])
    assert not reproduce.is_dry_run(["--cores", "1", "publish_all"])


def test_a_real_snakemake_build_gives_one_line_per_job(tmp_path):
    # in a fresh interpreter: Snakemake keeps the sys.stdout of its first call in this process,
    # which pytest's capture of another test may have replaced
    (tmp_path / "Snakefile").write_text(
        'rule all:\n    input: "b.txt"\n'
        'rule synthetic_a:\n    output: "a.txt"\n    shell: "echo a > {output}"\n'
        'rule ledger:\n    input: "a.txt"\n    output: "b.txt"\n    shell: "cp {input} {output}"\n')
    code = ("import json, sys\nfrom analysis.pipeline import reproduce\n"
            "lines = reproduce.JobLines()\n"
            "rc = reproduce.run_snakemake(['--snakefile', 'Snakefile', '--cores', '1', '--quiet',"
            " 'rules', 'host'], lines)\n"
            "print('DONE', json.dumps(lines.done, sort_keys=True)); sys.exit(rc)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert 'DONE {"all": 1, "ledger": 1, "synthetic_a": 1}' in out.stdout
    assert "\u2713 made synthetic data a in " in out.stdout and "\u2713 ledger in " in out.stdout
    both = out.stdout + out.stderr
    assert "Select jobs to execute" not in both
    assert "Execute " not in both and "Provided cores" not in both and "localrule" not in both
    assert "Finished jobid" not in both and "Job stats" not in both


def test_nothing_to_run():
    assert reproduce.JobLines().summary(1.64) == \
        "Snakemake: every report is up to date (checked in 1.6 s)"


def test_cores_for_the_site():
    assert reproduce.cores(["--cores", "2", "publish_all"]) == 2
    assert reproduce.cores(["--cores", "all"]) >= 1
    assert reproduce.cores(["publish_all"]) == 1


def test_a_build_whose_only_job_failed_is_not_up_to_date():
    lines = reproduce.JobLines()
    lines.filter(record(LogEvent.JOB_INFO, jobid=1, rule_name="run_notebook",
                        wildcards={"run": "flaky"}))
    lines.filter(record(LogEvent.JOB_ERROR, jobid=1, rule_name="run_notebook",
                        wildcards={"run": "flaky"}))
    assert lines.summary(2.0).endswith("FAILED: run_notebook flaky")
