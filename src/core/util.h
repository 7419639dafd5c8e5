/*
 * util.h: small helpers shared by the files of src/core (not public).
 */
#ifndef ECOREG_CORE_UTIL_H
#define ECOREG_CORE_UTIL_H

#include <stdbool.h>
#include <string.h>

/* Returns from the calling function when x, an er_status, is not ER_OK. */
#define ER_TRY(x)                                                                                  \
    do {                                                                                           \
        er_status rc_ = (x);                                                                       \
        if (rc_)                                                                                   \
            return rc_;                                                                            \
    } while (0)

/* The index of `s` in names[0..n), compared exactly; -1 when absent. */
static inline int er_name_index(const char *const *names, int n, const char *s)
{
    int i;

    for (i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

/* Character classes of Ofgem's patterns ([0-9], [A-Z], ...): ASCII only,
 * locale-free. */
static inline bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static inline bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static inline bool is_letter(char c)
{
    return is_upper(c) || (c >= 'a' && c <= 'z');
}

static inline bool is_alnum(char c)
{
    return is_letter(c) || is_digit(c);
}

static inline bool is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* How many leading characters of s are in class `in`. */
static inline size_t span_of(const char *s, bool (*in)(char))
{
    size_t n = 0;

    while (s[n] && in(s[n]))
        n++;
    return n;
}

/* True when s is a run of `in` between min and max long, and nothing else. */
static inline bool only(const char *s, bool (*in)(char), size_t min, size_t max)
{
    size_t n = span_of(s, in);

    return n >= min && n <= max && s[n] == '\0';
}

/* Ofgem's postcode pattern (Gbis0114.cs), capitals only:
 * ^[A-Z]{1,2}[0-9]{1,2}[A-Z]?(\s *[0-9][A-Z]{1,2})?$ ; the GBIS and ECO4
 * templates take postcodes the same way. */
static inline bool ofgem_postcode(const char *s)
{
    size_t n = span_of(s, is_upper), d;

    if (n < 1 || n > 2)
        return false;
    s += n;
    d = span_of(s, is_digit);
    if (d < 1 || d > 2)
        return false;
    s += d;
    if (is_upper(*s))
        s++;
    if (*s == '\0')
        return true;
    if (!is_space(*s))
        return false;
    for (s++; *s == ' ';)
        s++;
    return is_digit(*s) && only(s + 1, is_upper, 1, 2);
}

/* Characters of a UTF-8 string, as .NET's Length counts them for the Basic
 * Multilingual Plane (continuation bytes are not counted): Ofgem's length
 * limits are in characters. */
static inline size_t er_utf8_chars(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* How many bytes of s a message quotes: at most `max`, cut on a character
 * boundary. */
static inline int er_utf8_clip(const char *s, size_t max)
{
    size_t n = strlen(s);

    if (n <= max)
        return (int)n;
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

#endif
