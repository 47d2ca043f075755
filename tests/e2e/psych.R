# psych.R CSV REVERSED - the independent side of tests/e2e/45-stats.py:
# R's psych package computes alpha, each item's corrected item-total
# correlation (r.drop), facility and SD from a CSV export of rapport's
# results, knowing nothing of rapport's own figures. REVERSED lists the
# reverse-keyed statements, comma-separated; psych applies the keys.
# Prints one line per figure: WHAT ACTIVITY [COMPETENCY|ITEM] VALUE.
suppressMessages(library(psych))
args <- commandArgs(TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE, colClasses = "character")
reversed <- strsplit(args[2], ",")[[1]]
d <- d[d$status == "finished", ]
say <- function(...) cat(..., "\n")
quiet <- function(e) {
  r <- NULL
  invisible(capture.output(r <- suppressMessages(suppressWarnings(e))))
  r
}
num <- function(v) if (is.na(v)) "NA" else sprintf("%.6f", v)

wide <- function(x, value) {
  m <- tapply(value, list(x$attempt, x$item), function(v) v[1])
  m[, sort(colnames(m)), drop = FALSE]
}

for (act in unique(d$activity)) {
  x <- d[d$activity == act, ]
  if (x$kind[1] == "assessment") {
    x <- x[x$outcome == "answered", ]
    m <- wide(x, as.numeric(x$response))  # raw answers: psych reverses
    say("range", act, "-", num(min(m, na.rm = TRUE)), num(max(m, na.rm = TRUE)))
    for (comp in unique(x$competency)) {
      items <- sort(unique(x$item[x$competency == comp]))
      mc <- m[, items, drop = FALSE]
      keys <- ifelse(items %in% reversed, -1, 1)
      a <- quiet(psych::alpha(mc, keys = keys, use = "pairwise", warnings = FALSE))
      say("alpha", act, comp, num(a$total$raw_alpha))
      for (i in rownames(a$item.stats))
        say("r.drop", act, sub("-$", "", i), num(a$item.stats[i, "r.drop"]))
    }
  } else {
    x <- x[x$possible != "", ]
    m <- wide(x, as.numeric(x$earned))
    share <- wide(x, as.numeric(x$earned) / as.numeric(x$possible))
    a <- quiet(psych::alpha(m, use = "pairwise", warnings = FALSE))
    say("alpha", act, "-", num(a$total$raw_alpha))
    for (i in rownames(a$item.stats))
      say("r.drop", act, i, num(a$item.stats[i, "r.drop"]))
    for (i in colnames(share)) {
      say("facility", act, i, num(mean(share[, i], na.rm = TRUE)))
      say("sd", act, i, num(sd(share[, i], na.rm = TRUE)))
    }
  }
}
