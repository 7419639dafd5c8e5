/*
 * alloc.h: the single allocation hook of the library.
 *
 * Every allocation ecoreg makes goes through er_malloc/er_realloc/er_free,
 * so a test can swap in an allocator that fails the Nth call (curl's
 * torture mode) and prove each path reports ER_ENOMEM without leaking.
 */
#ifndef ECOREG_ALLOC_H
#define ECOREG_ALLOC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** An allocator: the three functions ecoreg calls, with libc's contracts. */
typedef struct er_allocator {
    void *(*malloc_fn)(size_t size);
    void *(*realloc_fn)(void *p, size_t size);
    void (*free_fn)(void *p);
} er_allocator;

/**
 * Installs `a` as the allocator for all later calls, or restores libc's
 * when `a` is NULL.  Not thread-safe: call it before any other thread uses
 * the library.  `a` is copied.
 */
void er_set_allocator(const er_allocator *a);

/** Allocates `size` bytes; NULL when the allocator fails. */
void *er_malloc(size_t size);
/** Allocates `n * size` zeroed bytes; NULL on failure or overflow. */
void *er_calloc(size_t n, size_t size);
/** Resizes `p`; NULL on failure, leaving `p` untouched. */
void *er_realloc(void *p, size_t size);
/** Frees `p`; accepts NULL. */
void er_free(void *p);
/** Copies the NUL-terminated `s` into new memory; NULL on failure. */
char *er_strdup(const char *s);

#ifdef __cplusplus
}
#endif
#endif
