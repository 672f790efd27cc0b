# Cross-check of the server's raked SIPAS estimate (test/api/results-weighting.test.ts) against R's survey package:
# the forms answering every raked variable are calibrated with calibrate(..., calfun = "raking") to the margins;
# forms with a blank keep their design weight (analytics/README.md); the first item's ratio mean over both.
# args: forms.csv (stratum, w, gender, age, y) margins.csv (variable, category, population)
suppressMessages(library(survey))
options(survey.lonely.psu = "certainty")
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE, na.strings = "")
m <- read.csv(args[2], stringsAsFactors = FALSE)
answering <- !is.na(d$gender) & !is.na(d$age)
a <- d[answering, ]
a$gender <- factor(a$gender)
a$age <- factor(a$age)
des <- svydesign(ids = ~1, strata = ~stratum, weights = ~w, data = a)
mm <- colnames(model.matrix(~gender + age, a))
total <- sum(m$population[m$variable == "gender"])
pop <- sapply(mm, function(col) {
  if (col == "(Intercept)") return(total)
  if (startsWith(col, "gender")) return(m$population[m$variable == "gender" & m$category == sub("^gender", "", col)])
  m$population[m$variable == "birth_year" & m$category == sub("^age", "", col)]
})
cal <- calibrate(des, ~gender + age, population = pop, calfun = "raking", maxit = 1000, epsilon = 1e-13)
w <- d$w
w[answering] <- weights(cal)
ok <- !is.na(d$y)
cat(sprintf("estimate,%.17g\n", sum(w[ok] * d$y[ok]) / sum(w[ok])))
cat(sprintf("total,%.17g\n", sum(w)))
