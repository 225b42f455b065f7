-- Version 12: share of voice and collection on demand.

-- A listening query may count the brand's mentions (BRAND) or one competitor's (COMPETITOR, named by
-- the query's name); NULL: neither. Reports compute the share of voice from these.
ALTER TABLE listening_query ADD COLUMN voice VARCHAR(16);

-- Set by "collect now": the next collection reads every young post again, even one read less than an
-- interval ago; the collection that ends clears it.
ALTER TABLE metric_collection ADD COLUMN forced BOOLEAN DEFAULT FALSE NOT NULL;
