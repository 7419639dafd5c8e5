/*
 * strmap.c: string-keyed open addressing (FNV-1a, linear probing, at most
 * half full).
 */
#include "strmap.h"

#include <stdint.h>
#include <string.h>

#include "ecoreg/alloc.h"

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;

    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ull;
    return h;
}

static struct strmap_slot *find(const strmap *m, const char *key)
{
    size_t i;

    for (i = hash(key) & (m->cap - 1); m->slots[i].key; i = (i + 1) & (m->cap - 1))
        if (strcmp(m->slots[i].key, key) == 0)
            break;
    return &m->slots[i];
}

static int grow(strmap *m)
{
    strmap bigger = { .cap = m->cap ? m->cap * 2 : 256 };
    size_t i;

    if (!(bigger.slots = er_calloc(bigger.cap, sizeof *bigger.slots)))
        return 0;
    for (i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            *find(&bigger, m->slots[i].key) = m->slots[i];
    er_free(m->slots);
    m->slots = bigger.slots;
    m->cap = bigger.cap;
    return 1;
}

void **strmap_slot(strmap *m, const char *key)
{
    struct strmap_slot *s;

    if ((m->used + 1) * 2 > m->cap && !grow(m))
        return NULL;
    s = find(m, key);
    if (!s->key) {
        if (!(s->key = er_strdup(key)))
            return NULL;
        s->val = NULL;
        m->used++;
    }
    return &s->val;
}

void *strmap_get(const strmap *m, const char *key)
{
    return m->cap ? find(m, key)->val : NULL;
}

void strmap_free(strmap *m, void (*fn)(void *val))
{
    size_t i;

    for (i = 0; i < m->cap; i++) {
        if (!m->slots[i].key)
            continue;
        if (fn)
            fn(m->slots[i].val);
        er_free(m->slots[i].key);
    }
    er_free(m->slots);
    memset(m, 0, sizeof *m);
}
