-- Fails for every regional priority × period of mart_regional_priorities whose deliverables by
-- status do not add up to deliverable_count, whose deliverable_count differs from the linked
-- deliverables found in fct_deliverable_status for the period, or whose KPIs by RAG do not add
-- up to kpi_count.
{{ config(
    severity='error',
    meta={'dagster': {'ref': {'name': 'mart_regional_priorities'}}},
) }}

with

progress as (

    select * from {{ ref('mart_regional_priorities') }}

),

links as (

    select * from {{ ref('int_regional_priorities__links') }}

),

deliverable_status as (

    select * from {{ ref('fct_deliverable_status') }}

),

linked_deliverables as (

    select

        links.priority_code,
        deliverable_status.period_code,
        count(*) as linked_count

    from links
    inner join deliverable_status
        on links.linked_code = deliverable_status.deliverable_code
    where links.link_type = 'deliverable'
    group by links.priority_code, deliverable_status.period_code

)

select

    progress.regional_priority_key,
    progress.deliverable_count,
    progress.kpi_count,
    progress.deliverables_not_started
    + progress.deliverables_on_track
    + progress.deliverables_at_risk
    + progress.deliverables_delayed
    + progress.deliverables_completed
    + progress.deliverables_cancelled
    + progress.deliverables_not_reported as deliverables_by_status,
    coalesce(linked_deliverables.linked_count, 0) as linked_count,
    progress.kpis_green + progress.kpis_amber + progress.kpis_red + progress.kpis_grey
        as kpis_by_rag

from progress
left join linked_deliverables
    on
        progress.priority_code = linked_deliverables.priority_code
        and progress.period_code = linked_deliverables.period_code
where
    progress.deliverable_count <> coalesce(linked_deliverables.linked_count, 0)
    or progress.deliverable_count
    <> progress.deliverables_not_started
    + progress.deliverables_on_track
    + progress.deliverables_at_risk
    + progress.deliverables_delayed
    + progress.deliverables_completed
    + progress.deliverables_cancelled
    + progress.deliverables_not_reported
    or progress.kpi_count
    <> progress.kpis_green + progress.kpis_amber + progress.kpis_red + progress.kpis_grey
