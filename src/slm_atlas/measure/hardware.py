"""The machine's profile: CPU, cores, memory, GPU and driver, written to measure/hardware/<slug>.yaml."""

import os
import platform
import re
from pathlib import Path
from typing import Any

from ..files import write_text


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def meminfo(key: str) -> int | None:
    """A /proc/meminfo value in bytes (MemTotal, MemAvailable...), or None where there is none."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith(f"{key}:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def peak_rss_bytes() -> int:
    """This process's own peak resident memory: the kernel's high-water mark of its address space
    (VmHWM). Not `getrusage`'s ru_maxrss: Linux carries that across exec, so a worker started by a
    sweep process of 1 GiB would report at least 1 GiB whatever it used itself."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    import resource  # elsewhere (macOS: bytes, and no inheritance across exec)

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if platform.system() == "Darwin" else peak * 1024


def profile() -> dict[str, Any]:
    import torch

    gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cpu": _cpu_model(),
        "cores": cores,
        "memory_bytes": meminfo("MemTotal"),
        "gpu": gpu,
        "gpu_driver": torch.version.cuda if gpu else None,
        "os": f"{platform.system()} {platform.release()}",
    }


def slug(info: dict[str, Any]) -> str:
    """A folder name for the machine: its CPU (or GPU) model and core count."""
    name = info["gpu"] or info["cpu"]
    words = re.sub(r"\(r\)|\(tm\)|cpu|@.*$|processor", " ", name.lower())
    return "-".join(re.findall(r"[a-z0-9]+", words))[:48] + f"-{info['cores']}c"


def write_profile(root: Path, info: dict[str, Any]) -> Path:
    import yaml

    return write_text(root / "hardware" / f"{slug(info)}.yaml", yaml.safe_dump(info, sort_keys=False))
