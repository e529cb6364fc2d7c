{#-
    Whether a KPI moved the right way between two values, given its direction:
    'improving' (higher for higher_is_better, lower for lower_is_better), 'worsening' (the
    other way), 'stable' (equal), or 'no_data' when either value is missing.
-#}
{% macro trend_direction(current_value, reference_value, direction) -%}
    case
        when {{ current_value }} is null or {{ reference_value }} is null then 'no_data'
        when {{ current_value }} = {{ reference_value }} then 'stable'
        when {{ direction }} = 'higher_is_better' then
            case when {{ current_value }} > {{ reference_value }} then 'improving' else 'worsening' end
        when {{ direction }} = 'lower_is_better' then
            case when {{ current_value }} < {{ reference_value }} then 'improving' else 'worsening' end
    end
{%- endmacro %}
