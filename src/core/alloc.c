/*
 * alloc.c: the allocation hook.  The one piece of process-wide state in the
 * library, so that tests can make the Nth allocation fail.
 */
#include "ecoreg/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static er_allocator hook = { malloc, realloc, free };

void er_set_allocator(const er_allocator *a)
{
    if (a)
        hook = *a;
    else
        hook = (er_allocator){ malloc, realloc, free };
}

void *er_malloc(size_t size)
{
    return hook.malloc_fn(size ? size : 1);
}

void *er_calloc(size_t n, size_t size)
{
    void *p;

    if (size && n > SIZE_MAX / size)
        return NULL;
    p = er_malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void *er_realloc(void *p, size_t size)
{
    return hook.realloc_fn(p, size ? size : 1);
}

void er_free(void *p)
{
    if (p)
        hook.free_fn(p);
}

char *er_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = er_malloc(n);

    if (p)
        memcpy(p, s, n);
    return p;
}
