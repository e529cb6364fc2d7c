{#-
    The one definition of the risk rating bands of the 5 × 5 risk matrix (score = likelihood ×
    impact, 1 to 25), used for inherent and residual scores alike:
        low 1-4, medium 5-9, high 10-14, critical 15-25.
    risk_rating_bands() returns them (for documentation and tests); risk_rating(score) renders
    the SQL CASE expression; null when the score is null.
-#}
{% macro risk_rating_bands() -%}
    {{ return([
        {'band': 'low', 'min_score': 1, 'max_score': 4},
        {'band': 'medium', 'min_score': 5, 'max_score': 9},
        {'band': 'high', 'min_score': 10, 'max_score': 14},
        {'band': 'critical', 'min_score': 15, 'max_score': 25},
    ]) }}
{%- endmacro %}

{% macro risk_rating(score) -%}
    case
        {%- for band in risk_rating_bands() %}
            when {{ score }} between {{ band.min_score }} and {{ band.max_score }}
                then '{{ band.band }}'
        {%- endfor %}
    end
{%- endmacro %}
