/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-ins for the kernel headers module/translate.c includes, so
 * that the unit tests run the module's own text rewriting unchanged.
 */
#ifndef NSAUDIT_KSHIM_TYPES_H
#define NSAUDIT_KSHIM_TYPES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef int8_t s8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef int32_t s32;
typedef uint64_t u64;
typedef int64_t s64;
#define U32_MAX		UINT32_MAX

#endif
