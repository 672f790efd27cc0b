# Reference values from R's survey package for test/r/breakdown-crosscheck.test.ts (issue 10): item indices broken
# down by unit and by gender, as svyby(~s_item, ~unit | ~gender, subset(design, !is.na(s_item)), svymean).
# Usage: Rscript --vanilla breakdown-crosscheck.R <data.csv> <items>
#   data.csv: unit,w,N,gender,<item columns> (answers 1-5, 9 = don't know, blank = NA; gender blank = NA)
#   items: the item columns, comma-separated
# Prints key,value lines (%.17g): <design>:<by>:<group>:<item>:est|se
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE, na.strings = "", colClasses = c(unit = "character", gender = "character"))
items <- strsplit(args[2], ",")[[1]]
out <- character()
emit <- function(...) {
  parts <- list(...)
  value <- parts[[length(parts)]]
  key <- paste(unlist(parts[-length(parts)]), collapse = ":")
  out <<- c(out, sprintf("%s,%.17g", key, value))
}
# PAR-INDEX.md §3: satisfied = 4 or 5 of the valid answers 1-5; 9 and blank are outside the item's domain.
for (it in items) {
  v <- d[[it]]
  d[[paste0("s_", it)]] <- ifelse(v %in% 4:5, 1, ifelse(v %in% 1:3, 0, NA))
}
designs <- list(
  nofpc = svydesign(ids = ~1, strata = ~unit, weights = ~w, data = d),
  fpc = svydesign(ids = ~1, strata = ~unit, weights = ~w, fpc = ~N, data = d)
)
for (dn in names(designs)) {
  des <- designs[[dn]]
  for (it in items) {
    s <- as.name(paste0("s_", it))
    # by unit (= the strata): each unit's valid answers are a domain of the whole design
    b <- svyby(eval(bquote(~ .(s))), ~unit, eval(bquote(subset(des, !is.na(.(s))))), svymean)
    for (k in seq_len(nrow(b))) {
      emit(dn, "unit", b$unit[k], it, "est", coef(b)[[k]])
      emit(dn, "unit", b$unit[k], it, "se", SE(b)[[k]])
    }
    # by gender (crosses the strata); forms without a gender are in no group
    b <- svyby(eval(bquote(~ .(s))), ~gender, eval(bquote(subset(des, !is.na(.(s)) & !is.na(gender)))), svymean)
    for (k in seq_len(nrow(b))) {
      emit(dn, "gender", b$gender[k], it, "est", coef(b)[[k]])
      emit(dn, "gender", b$gender[k], it, "se", SE(b)[[k]])
    }
  }
}
cat(out, sep = "\n")
cat("\n")
