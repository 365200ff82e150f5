// The display formatters belong to the domain (emails and PDFs use them too); pages keep importing `$lib/format`.
export * from '$domain/format';
