// SPDX-License-Identifier: GPL-2.0
/* 6.17: a per-CPU workqueue says so (WQ_PERCPU); without it, a WARN. */
#include <linux/workqueue.h>

unsigned int nsaudit_probe = WQ_PERCPU;
