"""Writing the charter: its versions (`versions`), and the expectations, commitments and indicators of a
draft (`content`). Every write is atomic and audited; only a draft version can be changed."""
