/* Copyright (c) 2026 The Weft Authors.
 * SPDX-License-Identifier: Apache-2.0 */

#ifndef TABLE_H
#define TABLE_H 1

/* Tables of text, printed the way ovs-vsctl and ovsdb-client print them.
 *
 * A table has a list of column headings and rows of cells.  Each cell
 * holds either plain text or a JSON value together with the OVSDB type
 * that describes it; the latter is turned into text according to the
 * "cell format" of the style it is printed with:
 *
 *   CF_STRING  the OVSDB string syntax ("{a=b, c=d}", "[1, 2]", "br0"),
 *   CF_BARE    the same without quotes or brackets ("a=b c=d", "1 2"),
 *   CF_JSON    the JSON form (["map",[["a","b"],["c","d"]]]).
 *
 * The "table format" decides the layout:
 *
 *   TF_LIST    one "heading : value" line per cell, rows separated by a
 *              blank line (the default; ovsdb-client makes TF_TABLE its
 *              default instead),
 *   TF_TABLE   aligned columns under a row of dashes,
 *   TF_HTML    an HTML <table>, with UUIDs turned into links,
 *   TF_CSV     comma-separated values with RFC 4180 quoting,
 *   TF_JSON    {"headings": [...], "data": [[...], ...]} with cells always
 *              as JSON.
 *
 * Every format except TF_JSON and TF_HTML separates successive tables
 * printed by one process with a blank line.
 *
 * A table may have a caption and a timestamp (ovsdb-client's "dump" and
 * "monitor --timestamp").  TF_JSON puts them in "caption" and "time"
 * members of the table's object; TF_HTML puts the caption in a <caption>
 * element and the time on a line above the <table>; the other formats put
 * the time, then the caption, each on a line of its own above the table.
 *
 * Programs take the style from the command line through
 * TABLE_LONG_OPTIONS and TABLE_OPTION_HANDLERS below, which implement
 * --format (-f), --data (-d), --no-headings, --pretty, --bare and
 * --max-column-width. */

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>
#include "json.h"

struct ds;
struct ovsdb_type;

/* One cell.  Set either 'text' (malloc'd) or 'json' and 'type'. */
struct cell {
    char *text;                 /* Plain text, or NULL. */
    json_t *json;               /* JSON value (a reference owned by the
                                 * cell), used when 'text' is NULL. */
    const struct ovsdb_type *type; /* Type of 'json' for CF_STRING and
                                    * CF_BARE, or NULL if 'json' is not an
                                    * OVSDB value. */
    char *formatted;            /* Text form cached by cell_to_text(). */
};

/* A table. */
struct table {
    struct cell *cells;         /* 'n_rows' * 'n_columns' cells, row by
                                 * row. */
    char **columns;             /* Column headings, 'n_columns' of them. */
    size_t n_columns;           /* Number of columns. */
    size_t allocated_columns;   /* Allocated size of 'columns'. */
    size_t n_rows;              /* Number of rows. */
    size_t allocated_rows;      /* Rows' worth of cells allocated. */
    size_t current_column;      /* Next column table_add_cell() fills. */
    char *caption;              /* Caption printed above, or NULL. */
    bool timestamp;             /* Print the time above the table? */
};

/* Table layouts. */
enum table_format {
    TF_TABLE,                   /* Aligned columns. */
    TF_LIST,                    /* "heading : value" lines. */
    TF_HTML,                    /* HTML <table>. */
    TF_CSV,                     /* Comma-separated values. */
    TF_JSON                     /* JSON object. */
};

/* How cells that hold OVSDB values become text. */
enum cell_format {
    CF_STRING,                  /* OVSDB string syntax. */
    CF_BARE,                    /* No quotes, brackets or commas. */
    CF_JSON                     /* JSON. */
};

/* How to print a table. */
struct table_style {
    enum table_format format;   /* Layout. */
    enum cell_format cell_format; /* Cell text. */
    bool headings;              /* Print column headings? */
    int json_flags;             /* JSSF_* flags for JSON output. */
    int max_column_width;       /* Truncate TF_TABLE cells to this width
                                 * (never narrower than the heading), or 0
                                 * for no limit. */
};

#define TABLE_STYLE_DEFAULT { TF_LIST, CF_STRING, true, JSSF_SORT, 0 }

/* Building tables. */
void table_init(struct table *);
void table_destroy(struct table *);
void table_set_caption(struct table *, char *caption);
void table_set_timestamp(struct table *, bool timestamp);
void table_add_column(struct table *, const char *heading, ...)
    OVS_PRINTF_FORMAT(2, 3);
void table_add_row(struct table *);
struct cell *table_add_cell(struct table *);
bool table_empty(const struct table *);

/* Returns the text of 'cell' in 'style''s cell format.  The text belongs
 * to the cell. */
const char *cell_to_text(struct cell *, const struct table_style *);

/* Printing.  table_print() writes to stdout and flushes it;
 * table_format() appends the same text to 'out'.  Both count toward the
 * blank lines printed between successive tables; table_format_reset()
 * starts counting afresh. */
void table_print(const struct table *, const struct table_style *);
void table_format(const struct table *, const struct table_style *,
                  struct ds *out);
void table_format_reset(void);

/* Returns 'table' as the JSON object that TF_JSON prints (a new
 * reference), with cells in 'style''s cell format (JSON values unless
 * CF_STRING or CF_BARE is asked for and the cell has text). */
json_t *table_to_json(const struct table *, const struct table_style *);

/* Parses the argument of --format / --data into 'style', exiting with an
 * error message if it is not valid. */
void table_parse_format(struct table_style *, const char *format);
void table_parse_cell_format(struct table_style *, const char *format);

/* Prints the help text for the options below. */
void table_usage(void);

/* Command-line options. */
#define TABLE_OPTION_ENUMS                      \
    OPT_NO_HEADINGS,                            \
    OPT_PRETTY,                                 \
    OPT_BARE,                                   \
    OPT_MAX_COLUMN_WIDTH

#define TABLE_LONG_OPTIONS                                      \
        {"format", required_argument, NULL, 'f'},               \
        {"data", required_argument, NULL, 'd'},                 \
        {"no-headings", no_argument, NULL, OPT_NO_HEADINGS},    \
        {"pretty", no_argument, NULL, OPT_PRETTY},              \
        {"bare", no_argument, NULL, OPT_BARE},                  \
        {"max-column-width", required_argument, NULL,           \
         OPT_MAX_COLUMN_WIDTH}

#define TABLE_OPTION_HANDLERS(STYLE)                    \
        case 'f':                                       \
            table_parse_format(STYLE, optarg);          \
            break;                                      \
                                                        \
        case 'd':                                       \
            table_parse_cell_format(STYLE, optarg);     \
            break;                                      \
                                                        \
        case OPT_NO_HEADINGS:                           \
            (STYLE)->headings = false;                  \
            break;                                      \
                                                        \
        case OPT_PRETTY:                                \
            (STYLE)->json_flags |= JSSF_PRETTY;         \
            break;                                      \
                                                        \
        case OPT_BARE:                                  \
            (STYLE)->format = TF_LIST;                  \
            (STYLE)->cell_format = CF_BARE;             \
            (STYLE)->headings = false;                  \
            break;                                      \
                                                        \
        case OPT_MAX_COLUMN_WIDTH:                      \
            (STYLE)->max_column_width = atoi(optarg);   \
            break;

#endif /* table.h */
