-- Warns about currency statistics that could not be converted to US dollars because the
-- exchange-rate register has no rate for their currency and year. The rate is never guessed:
-- value_usd stays empty until the office adds the rate and the marts are rebuilt.
{{ config(severity='warn', store_failures=true) }}

select

    currency_code,
    statistics_year,
    count(*) as values_without_rate,
    min(member_code) as first_member_code

from {{ ref('fct_customs_statistics') }}
where is_missing_exchange_rate
group by currency_code, statistics_year
