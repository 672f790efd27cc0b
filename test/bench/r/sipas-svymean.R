# R's side of the SIPAS benchmark (test/bench/r-compare.ts, issue 10): the item indices of a responses file with R's
# survey package, exactly as test/r/survey-crosscheck.R checks them: design weights w = N_h / n_h,
# svydesign(ids = ~1, strata = ~unit, weights = ~w) (no fpc: `par sipas --population` uses none either), then for each
# item svymean of "satisfied" (4 or 5 among the valid answers 1-5) over subset(design, !is.na(y)).
# Usage: Rscript --vanilla sipas-svymean.R <responses.csv> <population.csv> <item,ids,...>
# Prints one JSON object: items (id, est, se as shares), seconds (read, estimate; elapsed and CPU) and peak memory.
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
items <- strsplit(args[3], ",", fixed = TRUE)[[1]]
cpu <- function(t) sum(t[c("user.self", "sys.self")])
t0 <- proc.time()

head <- names(read.csv(args[1], nrows = 1, check.names = FALSE))
classes <- setNames(rep("character", length(head)), head)
classes[items] <- "integer"
d <- read.csv(args[1], colClasses = classes, na.strings = "", check.names = FALSE)
pop <- read.csv(args[2], colClasses = c(unit = "character", population = "numeric"))
n_h <- table(d$unit)
d$w <- pop$population[match(d$unit, pop$unit)] / as.numeric(n_h[d$unit])
for (it in items) {
  v <- d[[it]]
  d[[paste0("s_", it)]] <- ifelse(v %in% 4:5, 1, ifelse(v %in% 1:3, 0, NA))
}
t1 <- proc.time()

des <- svydesign(ids = ~1, strata = ~unit, weights = ~w, data = d)
est <- character()
for (it in items) {
  s <- as.name(paste0("s_", it))
  m <- svymean(eval(bquote(~ .(s))), eval(bquote(subset(des, !is.na(.(s))))))
  est <- c(est, sprintf('{"id":"%s","est":%.17g,"se":%.17g}', it, coef(m)[[1]], SE(m)[[1]]))
}
t2 <- proc.time()

status <- readLines("/proc/self/status")
hwm <- as.numeric(sub("[^0-9]*([0-9]+).*", "\\1", status[grepl("^VmHWM", status)])) / 1024
cat(sprintf(
  '{"items":[%s],"forms":%d,"seconds":{"read":%.4f,"estimate":%.4f,"read_cpu":%.4f,"estimate_cpu":%.4f},"peak_rss_mb":%.1f}\n',
  paste(est, collapse = ","), nrow(d), (t1 - t0)[["elapsed"]], (t2 - t1)[["elapsed"]], cpu(t1 - t0), cpu(t2 - t1), hwm
))
