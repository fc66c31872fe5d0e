"""For every test path (tests/, the doctests in nps_research/, the notebooks under nbval).

nbval's kernels talk to pytest over Unix sockets in a private folder, as the runner's kernels do
(:func:`nps_research.runner.kernel_connection`): over TCP the kernel manager picks free ports, closes them
and hands them on, and a kernel of the other pytest worker can take one in between ("Address already in use";
jupyter_client issue 487). nbval takes no kernel-manager settings, so its manager class is replaced by one
that sets the transport.
"""

from __future__ import annotations

import os
import shutil
import tempfile


def pytest_configure(config):
    if os.name != "posix":
        return
    try:
        import nbval.kernel as nbval_kernel
    except ImportError:
        return
    base = getattr(nbval_kernel, "KernelManager", None)
    if base is None:  # a later nbval without it: its kernels use TCP, as before
        return
    folder = tempfile.mkdtemp(prefix="nps-nbval-")

    class SocketKernelManager(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.transport = "ipc"
            self.ip = os.path.join(tempfile.mkdtemp(dir=folder), "kernel")

    nbval_kernel.KernelManager = SocketKernelManager
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
