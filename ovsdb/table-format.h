/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef OVSDB_TABLE_FORMAT_H
#define OVSDB_TABLE_FORMAT_H 1

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>

/* Tables of text for people and scripts, printed the way upstream's
 * ovsdb-client prints them: aligned columns ("table"), one "heading : value"
 * line per cell ("list"), HTML, CSV or JSON.
 *
 * A table has headings and rows of cells.  A cell holds either plain text
 * or a JSON value, optionally with the OVSDB type that the value has; a
 * typed value prints in the OVSDB string syntax (or bare, or as JSON,
 * depending on the cell format), an untyped one as JSON.
 *
 * Printing several tables in a row separates them the way upstream does
 * (a blank line between them, except in HTML and JSON). */

struct ovsdb_type;

/* Output formats. */
enum table_format {
    TF_TABLE,                   /* Aligned columns. */
    TF_LIST,                    /* "heading : value" lines. */
    TF_HTML,                    /* An HTML <table>. */
    TF_CSV,                     /* Comma-separated values. */
    TF_JSON                     /* One JSON object per table. */
};

/* How to show a typed cell. */
enum cell_format {
    CF_STRING,                  /* OVSDB string syntax: [a, b], {k=v}. */
    CF_BARE,                    /* No brackets, quotes or commas. */
    CF_JSON                     /* RFC 7047 JSON. */
};

/* How to print a table. */
struct table_style {
    enum table_format format;   /* Output format. */
    enum cell_format cell_format; /* How to show typed cells. */
    bool headings;              /* Print column headings? */
    int json_flags;             /* JSSF_* flags for JSON output. */
};

#define TABLE_STYLE_DEFAULT { TF_TABLE, CF_STRING, true, JSSF_SORT }

/* One cell. */
struct cell {
    char *text;                 /* Plain text (owned), or NULL. */
    json_t *json;               /* A value (a reference), if 'text' is
                                 * NULL. */
    const struct ovsdb_type *type; /* The type of 'json', or NULL to show
                                    * 'json' as JSON. */
};

/* A table. */
struct table {
    char **headings;            /* Column headings (owned). */
    size_t n_columns;           /* Number of columns. */
    size_t allocated_columns;   /* Allocated size of 'headings'. */
    struct cell *cells;         /* n_rows * n_columns cells, row by row. */
    size_t n_rows;              /* Number of rows. */
    size_t allocated_rows;      /* Allocated rows in 'cells'. */
    size_t current_column;      /* Column of the next table_add_cell(). */
    char *caption;              /* Caption (owned), or NULL. */
    bool timestamp;             /* Print the time above the table? */
};

void table_init(struct table *);
void table_destroy(struct table *);

/* Sets (or clears, if NULL) the caption of 'table', taking ownership of
 * 'caption'. */
void table_set_caption(struct table *, char *caption);

/* Makes table_print() print the current time above 'table'. */
void table_set_timestamp(struct table *, bool timestamp);

/* Adds a column headed 'heading' (copied).  Columns must all be added
 * before the first row. */
void table_add_column(struct table *, const char *heading);

/* Adds a row of empty cells, which table_add_cell() then fills from left
 * to right. */
void table_add_row(struct table *);

/* Returns the next cell of the last row, initialized empty (text NULL,
 * json NULL, type NULL).  Set one of 'text' (malloc'd) or 'json' (a new
 * reference). */
struct cell *table_add_cell(struct table *);

/* True if 'table' has no rows. */
bool table_is_empty(const struct table *);

/* Returns the text of 'cell' as 'style' would show it (a malloc'd
 * string). */
char *cell_to_text(const struct cell *, const struct table_style *);

/* Prints 'table' to stdout in 'style'. */
void table_print(const struct table *, const struct table_style *);

/* Parses a --format argument into '*format' / a --data argument into
 * '*cell_format'.  Return false if 's' is not a valid name. */
bool table_parse_format(const char *s, enum table_format *format);
bool table_parse_cell_format(const char *s, enum cell_format *cell_format);

#endif /* ovsdb/table-format.h */
