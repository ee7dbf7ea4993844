-- A code as the organizer wrote it (trimmed, upper case: "SPRING-10"), shown on lists, quotes, receipts and emails.
-- `code` stays the lookup key (O read as 0, I and L as 1, no dashes: "SPR1NG10"), which no one should have to read.
-- NULL for codes made before this column and for generated single-use codes, whose key is their text.
ALTER TABLE codes ADD COLUMN display_code text CHECK (display_code IS NULL OR display_code <> '');
