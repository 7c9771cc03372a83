/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in (see types.h): what translate.c takes from kernel.h. */
#ifndef NSAUDIT_KSHIM_KERNEL_H
#define NSAUDIT_KSHIM_KERNEL_H
#include <stdio.h>
#include <linux/types.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define max_t(t, a, b)	((t)(a) > (t)(b) ? (t)(a) : (t)(b))

#endif
