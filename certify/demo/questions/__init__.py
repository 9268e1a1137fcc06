"""Demo GIFT question banks for level-1 content-mastery quizzes, one file per product plus selling skills."""
