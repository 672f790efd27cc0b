# Reference values from R's survey package for test/r/survey-crosscheck.test.ts.
# Usage: Rscript --vanilla survey-crosscheck.R <data.csv> <spec.csv> <replicates.csv>
#   data.csv: stratum,w,N,level,gender,age,improve,<item columns> (answers 1-5, 9 = don't know, blank = NA)
#   spec.csv: coef,stat,item — the weight of each item's index in each combined statistic (factor, part, SIPAS)
#   replicates.csv: our bootstrap's weight factors a_b (one column per replicate, one row per form)
# Prints key,value lines (%.17g).
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE, na.strings = "", colClasses = c(stratum = "character", level = "character"))
spec <- read.csv(args[2], stringsAsFactors = FALSE)
items <- unique(spec$item)
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
  d[[paste0("n_", it)]] <- ifelse(is.na(d[[paste0("s_", it)]]), 0, d[[paste0("s_", it)]])
  d[[paste0("d_", it)]] <- as.numeric(!is.na(d[[paste0("s_", it)]]))
}
options <- c("online_services", "shorter_time")
for (o in options) d[[paste0("c_", o)]] <- ifelse(is.na(d$improve), NA, as.numeric(grepl(o, d$improve, fixed = TRUE)))

designs <- list(
  nofpc = svydesign(ids = ~1, strata = ~stratum, weights = ~w, data = d),
  fpc = svydesign(ids = ~1, strata = ~stratum, weights = ~w, fpc = ~N, data = d)
)
for (dn in names(designs)) {
  des <- designs[[dn]]
  # each item is a domain: svymean over subset(design, !is.na(y)), which keeps the design's strata
  for (it in items) {
    s <- as.name(paste0("s_", it))
    m <- svymean(eval(bquote(~ .(s))), eval(bquote(subset(des, !is.na(.(s))))))
    emit(dn, "item", it, "est", coef(m)[[1]])
    emit(dn, "item", it, "se", SE(m)[[1]])
  }
  # factors, parts and SIPAS: contrasts of the items' domain means (as ratios), with their full covariance
  r <- svyratio(as.formula(paste("~", paste0("n_", items, collapse = "+"))),
                as.formula(paste("~", paste0("d_", items, collapse = "+"))), des, covmat = TRUE)
  for (st in unique(spec$stat)) {
    rows <- spec[spec$stat == st, ]
    cf <- setNames(rep(0, length(coef(r))), names(coef(r)))
    cf[paste0("n_", rows$item, "/d_", rows$item)] <- rows$coef
    cm <- svycontrast(r, list(x = cf))
    emit(dn, "stat", st, "est", coef(cm)[[1]])
    emit(dn, "stat", st, "se", SE(cm)[[1]])
  }
  # a breakdown: item domains within levels of government (svyby subsets the design the same way)
  for (it in items[1:2]) {
    s <- as.name(paste0("s_", it))
    b <- svyby(eval(bquote(~ .(s))), ~level, eval(bquote(subset(des, !is.na(.(s))))), svymean)
    for (k in seq_len(nrow(b))) {
      emit(dn, "level", b$level[k], it, "est", coef(b)[[k]])
      emit(dn, "level", b$level[k], it, "se", SE(b)[[k]])
    }
  }
  # shares of the multi-choice question among the forms that answered it
  for (o in options) {
    s <- as.name(paste0("c_", o))
    m <- svymean(eval(bquote(~ .(s))), eval(bquote(subset(des, !is.na(.(s))))))
    emit(dn, "choice", o, "est", coef(m)[[1]])
    emit(dn, "choice", o, "se", SE(m)[[1]])
  }
}

# the bootstrap variance from the same replicate weights (ours): Σ_b (θ_b − θ̄)² / (B − 1)
a <- as.matrix(read.csv(args[3]))
B <- ncol(a)
repdes <- svrepdesign(data = d, repweights = a, weights = ~w, type = "other", scale = 1 / (B - 1), rscales = rep(1, B),
                   combined.weights = FALSE, mse = FALSE)
for (it in items) {
  s <- as.name(paste0("s_", it))
  m <- svymean(eval(bquote(~ .(s))), eval(bquote(subset(repdes, !is.na(.(s))))))
  emit("boot", "item", it, "est", coef(m)[[1]])
  emit("boot", "item", it, "se", SE(m)[[1]])
}
r <- svyratio(as.formula(paste("~", paste0("n_", items, collapse = "+"))),
              as.formula(paste("~", paste0("d_", items, collapse = "+"))), repdes, covmat = TRUE)
for (st in unique(spec$stat)) {
  rows <- spec[spec$stat == st, ]
  cf <- setNames(rep(0, length(coef(r))), names(coef(r)))
  cf[paste0("n_", rows$item, "/d_", rows$item)] <- rows$coef
  cm <- svycontrast(r, list(x = cf))
  emit("boot", "stat", st, "est", coef(cm)[[1]])
  emit("boot", "stat", st, "se", SE(cm)[[1]])
}

# weights: post-stratification to gender totals, raking to gender and age-band totals
des <- designs$nofpc
gender <- data.frame(gender = c("male", "female"), Freq = c(28000, 32000))
age <- data.frame(age = c("18-34", "35-54", "55+"), Freq = c(21000, 24000, 15000))
ps <- postStratify(des, ~gender, gender)
w <- weights(ps)
for (i in seq_along(w)) emit("post", i, w[[i]])
rk <- suppressWarnings(rake(des, list(~gender, ~age), list(gender, age), control = list(maxit = 1000, epsilon = 1e-9)))
w <- weights(rk)
for (i in seq_along(w)) emit("rake", i, w[[i]])

cat(out, sep = "\n")
cat("\n")
