<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>Application</name>
    <message>
        <location filename="../../casedesk/app.py" line="+94"/>
        <source>Something went wrong</source>
        <translation>Что-то пошло не так</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CaseDesk met an unexpected error: %1. Your saved work is safe. The details are in the log file %2.</source>
        <translation>В CaseDesk произошла непредвиденная ошибка: %1. Сохранённые данные не пострадали. Подробности — в журнале %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(no log file could be written)</source>
        <translation>(файл журнала записать не удалось)</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>CaseDesk cannot start</source>
        <translation>CaseDesk не может запуститься</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>CaseDesk cannot open its database</source>
        <translation>CaseDesk не может открыть свою базу данных</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1

The latest good backup was saved %2. Restore it? The file that cannot be opened is moved to the backups folder, unchanged.</source>
        <translation>%1

Последняя исправная резервная копия сохранена %2. Восстановить её? Файл, который не удаётся открыть, будет перемещён в папку резервных копий без изменений.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restore backup</source>
        <translation>Восстановить копию</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Today&apos;s backup could not be written: %1</source>
        <translation>Сегодняшнюю резервную копию записать не удалось: %1</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../casedesk/ui/backup_dialog.py" line="+32"/>
        <source>Daily</source>
        <translation>Ежедневная</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made by hand</source>
        <translation>Сделана вручную</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before an upgrade</source>
        <translation>Перед обновлением</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before a restore</source>
        <translation>Перед восстановлением</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Damaged file set aside</source>
        <translation>Повреждённый файл, отложен</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other</source>
        <translation>Другая</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 MB</source>
        <translation>%1 МБ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 KB</source>
        <translation>%1 КБ</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Backups</source>
        <translation>Резервные копии</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Saved</source>
        <translation>Сохранена</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Back up now</source>
        <translation>&amp;Сделать копию сейчас</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Restore…</source>
        <translation>&amp;Восстановить…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>This library is on a database server; it is backed up there (pg_dump).</source>
        <translation>Эта библиотека хранится на сервере баз данных; резервные копии делаются там (pg_dump).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CaseDesk backs your library up on the first start of each day (the last %1 are kept), before every upgrade and before a restore. Restoring keeps what it replaces.</source>
        <translation>CaseDesk делает резервную копию библиотеки при первом запуске каждый день (хранятся последние %1), перед каждым обновлением и перед восстановлением. При восстановлении заменяемая библиотека сохраняется.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Folder: %1</source>
        <translation>Папка: %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No backup was written</source>
        <translation>Резервная копия не записана</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Backed up to %1</source>
        <translation>Копия сохранена: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Restore backup</source>
        <translation>Восстановление из копии</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace the library by the backup of %1? Changes made since then will be replaced; the library as it is now is kept as a backup first, so you can go back.</source>
        <translation>Заменить библиотеку копией от %1? Изменения, сделанные после неё, будут заменены; текущая библиотека сначала сохраняется как резервная копия, так что к ней можно вернуться.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore</source>
        <translation>Восстановить</translation>
    </message>
</context>
<context>
    <name>CareChecklist</name>
    <message>
        <location filename="../../casedesk/ui/checks_panel.py" line="+32"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keywords</source>
        <translation>Ключевые слова</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Abstract</source>
        <translation>Аннотация</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the case adds</source>
        <translation>Что нового даёт случай</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main symptoms, findings, diagnoses, interventions and outcomes</source>
        <translation>Основные симптомы, данные, диагнозы, вмешательства и исходы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main take-away lesson</source>
        <translation>Главный вывод</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Introduction with references</source>
        <translation>Введение со ссылками на литературу</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patient information</source>
        <translation>Информация о пациенте</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De-identified demographics</source>
        <translation>Обезличенные демографические данные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main concerns and symptoms</source>
        <translation>Основные жалобы и симптомы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medical, family and psychosocial history</source>
        <translation>Медицинский, семейный и психосоциальный анамнез</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Past interventions and their outcomes</source>
        <translation>Предшествующие вмешательства и их результаты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clinical findings</source>
        <translation>Клинические данные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline</source>
        <translation>Хронология</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Diagnostic assessment</source>
        <translation>Диагностическая оценка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Diagnostic methods</source>
        <translation>Методы диагностики</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Diagnostic challenges</source>
        <translation>Диагностические трудности</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Diagnostic reasoning and differential diagnosis</source>
        <translation>Диагностическое обоснование и дифференциальный диагноз</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prognosis where it applies</source>
        <translation>Прогноз, если применимо</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Therapeutic intervention</source>
        <translation>Лечебное вмешательство</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Types of intervention</source>
        <translation>Виды вмешательства</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Administration (dose, strength, duration)</source>
        <translation>Применение (доза, концентрация, длительность)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes in intervention, with rationale</source>
        <translation>Изменения вмешательства с обоснованием</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up and outcomes</source>
        <translation>Наблюдение и исходы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clinician- and patient-assessed outcomes</source>
        <translation>Исходы по оценке врача и пациента</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Important follow-up test results</source>
        <translation>Важные результаты обследований при наблюдении</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adherence and tolerability</source>
        <translation>Приверженность и переносимость</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adverse and unanticipated events</source>
        <translation>Нежелательные и непредвиденные явления</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discussion</source>
        <translation>Обсуждение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strengths and limitations</source>
        <translation>Сильные стороны и ограничения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relevant medical literature</source>
        <translation>Данные литературы по теме</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rationale for the conclusions</source>
        <translation>Обоснование выводов</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main take-away lessons</source>
        <translation>Главные выводы</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patient perspective</source>
        <translation>Мнение пациента</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Informed consent</source>
        <translation>Информированное согласие</translation>
    </message>
</context>
<context>
    <name>CaseEditor</name>
    <message>
        <location filename="../../casedesk/ui/editor.py" line="+185"/>
        <source>Problems in this case</source>
        <translation>Проблемы в этом случае</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Publication</source>
        <translation>Публикация</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title and report</source>
        <translation>Название и отчёт</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Title</source>
        <translation>&amp;Название</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report &amp;language</source>
        <translation>&amp;Язык отчёта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report language</source>
        <translation>Язык отчёта</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Keywords</source>
        <translation>&amp;Ключевые слова</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>separated by semicolons; include “case report”</source>
        <translation>через точку с запятой; включите «клинический случай»</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keywords</source>
        <translation>Ключевые слова</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ready</source>
        <translation>Готов</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Submitted</source>
        <translation>Подан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Status</source>
        <translation>Ста&amp;тус</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+220"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="-218"/>
        <source>Venue rules and dates</source>
        <translation>Правила места публикации и даты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Venue profile</source>
        <translation>Профиль места публикации</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manage profiles…</source>
        <translation>Профили…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Venue profile</source>
        <translation>Пр&amp;офиль</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The venue&apos;s default</source>
        <translation>Как принято в месте публикации</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As recorded (19.12.2023, April 2009)</source>
        <translation>Как записано (19.12.2023, апрель 2009)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month and year (December 2023)</source>
        <translation>Месяц и год (декабрь 2023)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year only (2023)</source>
        <translation>Только год (2023)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relative to an event (day 1, month 3, 2 years later)</source>
        <translation>Относительно события (день 1, месяц 3, через 2 года)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Publication date policy</source>
        <translation>Даты в публикации</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Publish &amp;dates</source>
        <translation>&amp;Даты в публикации</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+325"/>
        <source>The earliest date of the story</source>
        <translation>Самая ранняя дата в истории случая</translation>
    </message>
    <message>
        <location line="-325"/>
        <location line="+1"/>
        <source>Day 1 is</source>
        <translation>Начало отсчёта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The record keeps the exact dates; only what is published changes.</source>
        <translation>В записи хранятся точные даты; меняется только то, что публикуется.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Name as printed</source>
        <translation>Имя в публикации</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>E-mail</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ORCID</source>
        <translation>ORCID</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+2"/>
        <source>Authors</source>
        <translation>Авторы</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Institution</source>
        <translation>Учреждение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department</source>
        <translation>Подразделение</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+19"/>
        <source>City</source>
        <translation>Город</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+19"/>
        <source>Country</source>
        <translation>Страна</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+26"/>
        <location line="+2"/>
        <source>Affiliations</source>
        <translation>Аффилиации</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Numbered in the report by first appearance in the author list; an affiliation no author refers to is not printed.</source>
        <translation>В отчёте нумеруются в порядке первого упоминания в списке авторов; аффилиация, на которую не ссылается ни один автор, не печатается.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Venue</source>
        <translation>Место публикации</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conference</source>
        <translation>Конференция</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Journal</source>
        <translation>Журнал</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+40"/>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Venue kind</source>
        <translation>Тип места публикации</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name</source>
        <translation>На&amp;звание</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Venue name</source>
        <translation>Название места публикации</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. III International Scientific and Practical Conference</source>
        <translation>напр. Третья международная научно-практическая конференция</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edition</source>
        <translation>Выпуск</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starts</source>
        <translation>Начало</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Venue start</source>
        <translation>Начало мероприятия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ends</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Venue end</source>
        <translation>Окончание мероприятия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Venue city</source>
        <translation>Город проведения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Venue country</source>
        <translation>Страна проведения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proceedings</source>
        <translation>Сборник</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Proceedings title</source>
        <translation>Название сборника</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+3"/>
        <source>Licence</source>
        <translation>Лицензия</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>None</source>
        <translation>Нет</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Own sentence</source>
        <translation>Своя формулировка</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Licence sentence</source>
        <translation>Текст лицензии</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Patient</source>
        <translation>Пациент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Label</source>
        <translation>&amp;Обозначение</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>initials or pseudonym, e.g. Zh.</source>
        <translation>инициалы или псевдоним, напр. Ж.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birth &amp;year</source>
        <translation>&amp;Год рождения</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>e.g. 2002</source>
        <translation>напр. 2002</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Birth year</source>
        <translation>Год рождения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not stated</source>
        <translation>Не указан</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Female</source>
        <translation>Женский</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Male</source>
        <translation>Мужской</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Other</source>
        <comment>sex</comment>
        <translation>Другой</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sex</source>
        <translation>Пол</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Background</source>
        <translation>Сведения</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <location line="+173"/>
        <source>Diagnosis</source>
        <translation>Диагноз</translation>
    </message>
    <message>
        <location line="-173"/>
        <source>&amp;Diagnosis</source>
        <translation>&amp;Диагноз</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>e.g. ALL</source>
        <translation>напр. ОЛЛ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>subtype, karyotype, genetics</source>
        <translation>подтип, кариотип, генетика</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Diagnosis details</source>
        <translation>Подробности диагноза</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Onset</source>
        <translation>Д&amp;ебют</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Onset</source>
        <translation>Дебют</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First protocol</source>
        <translation>Первый протокол</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First response</source>
        <translation>Первый ответ</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+49"/>
        <location line="+61"/>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>Site</source>
        <translation>Локализация</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happened</source>
        <translation>Что произошло</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+31"/>
        <source>Own wording of the line</source>
        <translation>Своя формулировка строки</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>History events</source>
        <translation>События анамнеза</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>History</source>
        <translation>Анамнез</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case Description section</source>
        <translation>Раздел «Описание случая»</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Treatment</source>
        <translation>Лечение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heading and context</source>
        <translation>Заголовок и контекст</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Treatment section</source>
        <translation>Раздел «Лечение»</translation>
    </message>
    <message>
        <location line="-62"/>
        <source>&amp;Heading</source>
        <translation>&amp;Заголовок</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>e.g. Blinatumomab Immunotherapy</source>
        <translation>напр. Иммунотерапия блинатумомабом</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Section heading</source>
        <translation>Заголовок раздела</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Context</source>
        <translation>Условия</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+12"/>
        <source>Course</source>
        <translation>Курс</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+47"/>
        <source>Start</source>
        <translation>Начало</translation>
    </message>
    <message>
        <location line="-46"/>
        <location line="+46"/>
        <source>End</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>Agent</source>
        <translation>Препарат</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dose</source>
        <translation>Доза</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Route</source>
        <translation>Путь введения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regimen</source>
        <translation>Режим</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tolerability</source>
        <translation>Переносимость</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+2"/>
        <source>Courses</source>
        <translation>Курсы</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Measure</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>Единица</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method</source>
        <translation>Метод</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sensitivity</source>
        <translation>Чувствительность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Own wording</source>
        <translation>Своя формулировка</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>MRD: value “negative” or “positive”; blasts and other measures: a number and a unit.</source>
        <translation>MRD (МОБ): значение «negative» или «positive»; бласты и другие показатели — число и единица.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+2"/>
        <source>Therapy</source>
        <translation>Терапия</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>Additional therapies</source>
        <translation>Дополнительная терапия</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Outcomes</source>
        <translation>Исходы</translation>
    </message>
    <message>
        <location line="-80"/>
        <location line="+86"/>
        <source>Event</source>
        <translation>Явление</translation>
    </message>
    <message>
        <location line="-166"/>
        <source>e.g. A.M. Kuttymuratov</source>
        <translation>например, A.M. Kuttymuratov</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>numbers from the list of affiliations, e.g. 1, 2</source>
        <translation>номера из списка аффилиаций, например 1, 2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corresponding author</source>
        <translation>Автор для переписки</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. 0000-0002-1825-0097</source>
        <translation>например, 0000-0002-1825-0097</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Author</source>
        <translation>Автор</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In print order. Each author&apos;s affiliations are the numbers of the list below, separated by commas.</source>
        <translation>В порядке печати. Аффилиации автора — номера из списка ниже через запятую.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>How authors refer to this affiliation. The report numbers affiliations by first appearance in the author list.</source>
        <translation>По этому номеру авторы ссылаются на аффилиацию. В отчёте аффилиации нумеруются в порядке первого упоминания в списке авторов.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Affiliation</source>
        <translation>Аффилиация</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Label</source>
        <translation>Обозначение</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+31"/>
        <source>empty: the line is made from the fields above</source>
        <translation>пусто: строка составляется из полей выше</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Listed by date in the report. Leave “Own wording of the line” empty to use the generated line.</source>
        <translation>В отчёте перечисляются по дате. Оставьте «Своя формулировка строки» пустой, чтобы использовать созданную строку.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>e.g. Induction I</source>
        <translation>например, Индукция, Консолидация</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 9 mcg/day</source>
        <translation>например, 9 мкг/сут</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. continuous infusion</source>
        <translation>например, непрерывная инфузия</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>One line each in the report. Select a course to edit it and its results below.</source>
        <translation>По одной строке в отчёте. Выберите курс, чтобы изменить его и его результаты ниже.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. MRD, blasts in bone marrow</source>
        <translation>например, MRD, бласты в костном мозге</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. flow cytometry, IHC</source>
        <translation>например, проточная цитометрия, ИГХ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 10⁻⁴</source>
        <translation>например, 10⁻⁴</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>empty: the result is written from the fields above</source>
        <translation>пусто: результат записывается по полям выше</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+5"/>
        <source>Results of the selected course</source>
        <translation>Результаты выбранного курса</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>e.g. fungal pneumonia</source>
        <translation>например, грибковая пневмония</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CTCAE grade</source>
        <translation>Степень CTCAE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CTCAE version</source>
        <translation>Версия CTCAE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>e.g. 5.0</source>
        <translation>например, 5.0</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Management</source>
        <translation>Тактика</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Исход</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Adverse event</source>
        <translation>Нежелательное явление</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>Adverse events</source>
        <translation>Нежелательные явления</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Measures</source>
        <translation>Показатели</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+3"/>
        <location line="+2"/>
        <location line="+7"/>
        <source>Follow-up</source>
        <translation>Наблюдение</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Sentences (empty: the generated one, in grey)</source>
        <translation>Фразы (пусто — сформированная, серым)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toxicity sentence</source>
        <translation>Фраза о токсичности</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complications sentence</source>
        <translation>Фраза об осложнениях</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up sentence</source>
        <translation>Фраза о наблюдении</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toxicity</source>
        <translation>Токсичность</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complications</source>
        <translation>Осложнения</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overall outcome</source>
        <translation>Общий исход</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Course and Outcomes section</source>
        <translation>Раздел «Течение и исходы»</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Narrative</source>
        <translation>Текст</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Introduction</source>
        <translation>Вв&amp;едение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discussion</source>
        <translation>Обсуждение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Conclusion</source>
        <translation>&amp;Заключение</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patient perspective</source>
        <translation>Мнение пациента</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Informed consent</source>
        <translation>Информированное согласие</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledgements</source>
        <translation>Благодарности</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>In-text label</source>
        <translation>Метка в тексте</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>e.g. Kantarjian et al., 2017</source>
        <translation>например, Kantarjian et al., 2017</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full citation</source>
        <translation>Полная ссылка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DOI</source>
        <translation>DOI</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>e.g. 10.1056/NEJMoa1609783</source>
        <translation>например, 10.1056/NEJMoa1609783</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PMID</source>
        <translation>PMID</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reference</source>
        <translation>Источник</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>References</source>
        <translation>Литература</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In order of citation; cite them in the text by their label, e.g. [Kantarjian et al., 2017].</source>
        <translation>В порядке цитирования; в тексте ссылайтесь по метке, напр. [Kantarjian et al., 2017].</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Relapse</source>
        <translation>Рецидив</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remission</source>
        <translation>Ремиссия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Procedure</source>
        <translation>Процедура</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hospitalisation</source>
        <translation>Госпитализация</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <comment>history event kind</comment>
        <translation>Другое</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Not graded</source>
        <translation>Без степени</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 — mild</source>
        <translation>1 — лёгкая</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2 — moderate</source>
        <translation>2 — средняя</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3 — severe</source>
        <translation>3 — тяжёлая</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4 — life-threatening</source>
        <translation>4 — угрожающая жизни</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>5 — death</source>
        <translation>5 — смерть</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>course %1</source>
        <translation>курс %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Results of %1</source>
        <translation>Результаты: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Results (select a course above)</source>
        <translation>Результаты (выберите курс выше)</translation>
    </message>
    <message numerus="yes">
        <location line="+129"/>
        <source>%n thing(s) to check (the case is kept as a draft meanwhile):</source>
        <translation>
            <numerusform>%n замечание (пока случай хранится как черновик):</numerusform>
            <numerusform>%n замечания (пока случай хранится как черновик):</numerusform>
            <numerusform>%n замечаний (пока случай хранится как черновик):</numerusform>
        </translation>
    </message>
    <message>
        <location line="-116"/>
        <source>no limit</source>
        <translation>без лимита</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>Choose the CTCAE grade (1–5) or “Not graded”; give the CTCAE version with each grade.</source>
        <translation>Выберите степень по CTCAE (1–5) или «Без степени»; для каждой степени укажите версию CTCAE.</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>%1 words</source>
        <translation>слов: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 characters</source>
        <translation>знаков: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, not verified</source>
        <translation>, не проверен</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Onset (%1)</source>
        <translation>Дебют (%1)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 starts (%2)</source>
        <translation>Начало: %1 (%2)</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No problems found. The case can still be changed at any time.</source>
        <translation>Проблем не найдено. Случай можно изменить в любой момент.</translation>
    </message>
</context>
<context>
    <name>CaseLibrary</name>
    <message>
        <location filename="../../casedesk/ui/library.py" line="+71"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patient</source>
        <translation>Пациент</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Diagnosis</source>
        <translation>Диагноз</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Venue</source>
        <translation>Место публикации</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>Изменён</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready</source>
        <translation>Готов</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted</source>
        <translation>Подан</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(untitled)</source>
        <translation>(без названия)</translation>
    </message>
    <message>
        <location line="+529"/>
        <source>Search cases</source>
        <translation>Поиск случаев</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search title, patient, diagnosis</source>
        <translation>Поиск по названию, пациенту, диагнозу</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cases</source>
        <translation>Случаи</translation>
    </message>
</context>
<context>
    <name>CaseSession</name>
    <message>
        <location filename="../../casedesk/ui/case_session.py" line="+139"/>
        <source>Edit %1</source>
        <translation>Изменение %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Not saved yet: %1 Retrying…</source>
        <translation>Ещё не сохранено: %1 Повторная попытка…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not saved: %1</source>
        <translation>Не сохранено: %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>All changes saved %1</source>
        <translation>Все изменения сохранены в %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All changes saved</source>
        <translation>Все изменения сохранены</translation>
    </message>
</context>
<context>
    <name>ChecksPanel</name>
    <message>
        <location filename="../../casedesk/ui/checks_panel.py" line="+15"/>
        <location line="+45"/>
        <source>No case open</source>
        <translation>Случай не открыт</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Check</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Use the suggested wording</source>
        <translation>Применить предложенную формулировку</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Put the suggested wording into the field (Ctrl+Z takes it back)</source>
        <translation>Подставить предложенную формулировку в поле (Ctrl+Z отменяет)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Double-click a line to go to its field.</source>
        <translation>Дважды щёлкните строку, чтобы перейти к её полю.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 words, no limit</source>
        <translation>слов: %1, без ограничения</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 characters, no limit</source>
        <translation>знаков: %1, без ограничения</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 words</source>
        <translation>слов: %1 из %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 of %2 characters</source>
        <translation>знаков: %1 из %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing blocks submission.</source>
        <translation>Ничто не мешает подаче.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not ready to submit.</source>
        <translation>Не готов к подаче.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CARE: %1 met, %2 partly, %3 missing</source>
        <translation>CARE: выполнено %1, частично %2, нет %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no identifiers found</source>
        <translation>идентификаторы не найдены</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n identifier(s)</source>
        <translation>
            <numerusform>%n идентификатор</numerusform>
            <numerusform>%n идентификатора</numerusform>
            <numerusform>%n идентификаторов</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Length</source>
        <translation>Объём</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Authors and affiliations</source>
        <translation>Авторы и аффилиации</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CARE checklist</source>
        <translation>Чек-лист CARE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 met, %2 partly, %3 missing</source>
        <translation>выполнено %1, частично %2, нет %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Patient identifiers</source>
        <translation>Идентификаторы пациента</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 found</source>
        <translation>найдено: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none found</source>
        <translation>не найдены</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n text(s) in another language than the report</source>
        <translation>
            <numerusform>%n текст на другом языке, чем отчёт</numerusform>
            <numerusform>%n текста на другом языке, чем отчёт</numerusform>
            <numerusform>%n текстов на другом языке, чем отчёт</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Dates in your text</source>
        <translation>Даты в вашем тексте</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n text(s) the date policy would word otherwise</source>
        <translation>
            <numerusform>%n текст, где правило дат требует иной формулировки</numerusform>
            <numerusform>%n текста, где правило дат требует иной формулировки</numerusform>
            <numerusform>%n текстов, где правило дат требует иной формулировки</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Now: %1
Suggested: %2</source>
        <translation>Сейчас: %1
Предлагается: %2</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>%1 — now: “%2”; suggested: “%3”</source>
        <translation>%1 — сейчас: «%2»; предлагается: «%3»</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../casedesk/ui/conflict_dialog.py" line="+182"/>
        <source>Case changed elsewhere</source>
        <translation>Случай изменён в другом месте</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Fields that differ: %1</source>
        <translation>Различающихся полей: %1</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>(untitled)</source>
        <translation>(без названия)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” was moved to the trash elsewhere while you were editing it. Your changes are not saved yet.</source>
        <translation>«%1» перемещён в корзину в другом месте, пока вы его редактировали. Ваши изменения ещё не сохранены.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1” was deleted for good elsewhere while you were editing it. Your changes are not saved yet.</source>
        <translation>«%1» окончательно удалён в другом месте, пока вы его редактировали. Ваши изменения ещё не сохранены.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” was saved elsewhere (on another computer or in another CaseDesk window) while you were editing it. Your changes are not saved yet, and nothing has been overwritten. Choose what to keep.</source>
        <translation>«%1» был сохранён в другом месте (на другом компьютере или в другом окне CaseDesk), пока вы его редактировали. Ваши изменения ещё не сохранены, и ничего не перезаписано. Выберите, что сохранить.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>In the trash (version %1, %2)</source>
        <translation>В корзине (версия %1, %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved elsewhere (version %1, %2)</source>
        <translation>Сохранено в другом месте (версия %1, %2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Yours (not saved)</source>
        <translation>Ваша (не сохранена)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Keep mine</source>
        <translation>&amp;Оставить мою</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Take theirs</source>
        <translation>&amp;Взять их версию</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep &amp;both</source>
        <translation>Сохранить &amp;обе</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save mine as a new case</source>
        <translation>&amp;Сохранить мою как новый случай</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Drop my changes</source>
        <translation>&amp;Отбросить мои изменения</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save your version as the next version; the values saved elsewhere are replaced.</source>
        <translation>Сохранить вашу версию как следующую; значения, сохранённые в другом месте, будут заменены.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the version saved elsewhere; your unsaved changes are dropped.</source>
        <translation>Показать версию, сохранённую в другом месте; ваши несохранённые изменения будут отброшены.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave the version saved elsewhere as it is and save yours as a new case, “Copy of …”.</source>
        <translation>Оставить версию, сохранённую в другом месте, как есть, а вашу сохранить как новый случай — копию.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your version becomes a new case in the library.</source>
        <translation>Ваша версия станет новым случаем в библиотеке.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the case; your unsaved changes are dropped.</source>
        <translation>Закрыть случай; ваши несохранённые изменения будут отброшены.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>(no such row)</source>
        <translation>(нет такой строки)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(empty)</source>
        <translation>(пусто)</translation>
    </message>
</context>
<context>
    <name>ConflictResolver</name>
    <message>
        <location line="-210"/>
        <source>Your version is saved over the other one, as version %1.</source>
        <translation>Ваша версия сохранена поверх другой как версия %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Showing the version saved elsewhere; your changes were dropped.</source>
        <translation>Показана версия, сохранённая в другом месте; ваши изменения отброшены.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Both versions are kept: you are editing yours as the new case “%1”.</source>
        <translation>Сохранены обе версии: вы редактируете свою как новый случай «%1».</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your version is saved as a new case: “%1”.</source>
        <translation>Ваша версия сохранена как новый случай: «%1».</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(untitled)</source>
        <translation>(без названия)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your changes were dropped; the case is no longer in the library.</source>
        <translation>Ваши изменения отброшены; этого случая больше нет в библиотеке.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../casedesk/ui/export_dialog.py" line="+35"/>
        <source>PDF case report</source>
        <translation>Отчёт о случае в PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+6"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Word document (DOCX)</source>
        <translation>Документ Word (DOCX)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Word documents (*.docx)</source>
        <translation>Документы Word (*.docx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain text</source>
        <translation>Простой текст</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text files (*.txt)</source>
        <translation>Текстовые файлы (*.txt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CaseDesk case file (JSON)</source>
        <translation>Файл случая CaseDesk (JSON)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CaseDesk case files (*.casedesk.json *.json)</source>
        <translation>Файлы случаев CaseDesk (*.casedesk.json *.json)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline figure alone (SVG)</source>
        <translation>Только рисунок хронологии (SVG)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVG images (*.svg)</source>
        <translation>Изображения SVG (*.svg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline figure alone (PDF)</source>
        <translation>Только рисунок хронологии (PDF)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The case&apos;s setting</source>
        <translation>Как задано в случае</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As recorded</source>
        <translation>Как записано</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month and year</source>
        <translation>Месяц и год</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year only</source>
        <translation>Только год</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relative to an event</source>
        <translation>Относительно события</translation>
    </message>
    <message>
        <location line="+49"/>
        <location line="+126"/>
        <source>Export case</source>
        <translation>Экспорт случая</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Append the CARE checklist on a page of its own</source>
        <translation>Добавить чек-лист CARE на отдельной странице</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Format</source>
        <translation>&amp;Формат</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publish &amp;dates</source>
        <translation>&amp;Даты в публикации</translation>
    </message>
    <message>
        <location line="+12"/>
        <source> pt</source>
        <translation> пт</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Base font size</source>
        <translation>Размер шрифта</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Page</source>
        <translation>&amp;Лист</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save as</source>
        <translation>&amp;Сохранить как</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Open file</source>
        <translation>Открыть файл</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show folder</source>
        <translation>Показать папку</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+30"/>
        <source>&amp;Export</source>
        <translation>&amp;Экспортировать</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Choose where to save the file.</source>
        <translation>Выберите, куда сохранить файл.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The folder %1 does not exist.</source>
        <translation>Папка %1 не существует.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not write %1: %2</source>
        <translation>Не удалось записать %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported to %1</source>
        <translation>Экспортировано в %1</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>The export would print %n patient identifier(s). Change the case or the date choice, or export anyway.</source>
        <translation>
            <numerusform>В экспорт попадёт %n идентификатор пациента. Измените случай или выбор дат — или всё равно экспортируйте.</numerusform>
            <numerusform>В экспорт попадут %n идентификатора пациента. Измените случай или выбор дат — или всё равно экспортируйте.</numerusform>
            <numerusform>В экспорт попадут %n идентификаторов пациента. Измените случай или выбор дат — или всё равно экспортируйте.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;anyway</source>
        <translation>Экспортировать &amp;всё равно</translation>
    </message>
</context>
<context>
    <name>FieldBinder</name>
    <message>
        <location filename="../../casedesk/ui/binding.py" line="+126"/>
        <source>&quot;%1&quot; is not a year</source>
        <translation>«%1» — не год</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;%1&quot; is not a year (type four digits, e.g. 2002)</source>
        <translation>«%1» — не год (введите четыре цифры, напр. 2002)</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../casedesk/ui/history_dialog.py" line="+34"/>
        <source>Case created</source>
        <translation>Случай создан</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edited</source>
        <translation>Изменено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Moved to the trash</source>
        <translation>Перемещён в корзину</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restored from the trash</source>
        <translation>Восстановлен из корзины</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restored from an export</source>
        <translation>Восстановлено из экспорта</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>(untitled)</source>
        <translation>(без названия)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History of “%1”</source>
        <translation>История «%1»</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+2"/>
        <source>Version</source>
        <translation>Версия</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Before</source>
        <translation>Было</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>After</source>
        <translation>Стало</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Venue</source>
        <translation>Конференция</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Make this the current version…</source>
        <translation>&amp;Сделать эту версию текущей…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The case becomes exactly what this export showed, as a new version; nothing in between is lost.</source>
        <translation>Случай становится в точности таким, каким был в этом экспорте, в виде новой версии; промежуточные версии не теряются.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Each export keeps a copy of the case exactly as it was exported.</source>
        <translation>Каждый экспорт хранит копию случая в точности в том виде, в каком он был экспортирован.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Changes</source>
        <translation>Изменения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exports</source>
        <translation>Экспорты</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Restore an exported version</source>
        <translation>Восстановление экспортированной версии</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make the case exactly what was exported on %1 (%2)? It is saved as a new version; the current one stays in the history.</source>
        <translation>Сделать случай таким, каким он был экспортирован %1 (%2)? Он будет сохранён как новая версия; текущая останется в истории.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restore this version</source>
        <translation>Восстановить эту версию</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing was restored</source>
        <translation>Ничего не восстановлено</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../casedesk/ui/main_window.py" line="+47"/>
        <source>The language changes when CaseDesk starts again.</source>
        <translation>Язык сменится при следующем запуске CaseDesk.</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Preview</source>
        <translation>Предпросмотр</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checks</source>
        <translation>Проверки</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Clinic server %1</source>
        <translation>Сервер клиники %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The case library is on the clinic&apos;s server, shared with the other workstations.</source>
        <translation>Библиотека случаев находится на сервере клиники и общая для всех рабочих мест.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;New case</source>
        <translation>&amp;Новый случай</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start a new case</source>
        <translation>Начать новый случай</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Duplicate case</source>
        <translation>&amp;Дублировать случай</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy the open case</source>
        <translation>Скопировать открытый случай</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move to &amp;trash…</source>
        <translation>Переместить в &amp;корзину…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move the open case to the trash</source>
        <translation>Переместить открытый случай в корзину</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open t&amp;rash</source>
        <translation>&amp;Открыть корзину</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Restore deleted cases</source>
        <translation>Восстановить удалённые случаи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import case file…</source>
        <translation>&amp;Импорт файла случая…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export…</source>
        <translation>&amp;Экспорт…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export the open case as PDF or a case file</source>
        <translation>Экспортировать открытый случай в PDF или файл случая</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the &amp;sample case</source>
        <translation>Добавить &amp;пример случая</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Case &amp;history…</source>
        <translation>&amp;История случая…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Every change and export of the open case</source>
        <translation>Все изменения и экспорты открытого случая</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Backups…</source>
        <translation>&amp;Резервные копии…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Back the library up now, or restore a backup</source>
        <translation>Сделать резервную копию библиотеки или восстановить копию</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Find case</source>
        <translation>&amp;Найти случай</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy &amp;section as plain text…</source>
        <translation>Копировать &amp;раздел как текст…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Put one section of the abstract on the clipboard, for a submission portal</source>
        <translation>Поместить один раздел тезисов в буфер обмена — для портала подачи</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh &amp;preview</source>
        <translation>Обновить &amp;предпросмотр</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;checks</source>
        <translation>Показать про&amp;верки</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Preview and checks</source>
        <translation>&amp;Просмотр и проверки</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show or hide the preview and the checks</source>
        <translation>Показать или скрыть просмотр и проверки</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Case &amp;library</source>
        <translation>&amp;Библиотека случаев</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show or hide the list of cases</source>
        <translation>Показать или скрыть список случаев</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Venue profiles…</source>
        <translation>Профили &amp;мест публикации…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About CaseDesk</source>
        <translation>&amp;О программе CaseDesk</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>System language</source>
        <translation>Язык системы</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Case</source>
        <translation>Случай</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Redo</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Your case library is empty. Start with the sample case — a published abstract recorded in CaseDesk — or a new case.</source>
        <translation>Библиотека случаев пуста. Начните с примера — опубликованных тезисов, записанных в CaseDesk, — или с нового случая.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the sample case</source>
        <translation>Добавить пример случая</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New case</source>
        <translation>Новый случай</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Duplicated. You are editing the copy.</source>
        <translation>Копия создана. Вы редактируете копию.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+201"/>
        <source>(untitled)</source>
        <translation>(без названия)</translation>
    </message>
    <message>
        <location line="-200"/>
        <source>“%1”</source>
        <translation>«%1»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Patient: %1</source>
        <translation>Пациент: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last changed: %1</source>
        <translation>Последнее изменение: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>Move to trash</source>
        <translation>Переместить в корзину</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Move this case to the trash?

%1

You can restore it from File › Open trash.</source>
        <translation>Переместить этот случай в корзину?

%1

Его можно восстановить через Файл › Открыть корзину.</translation>
    </message>
    <message numerus="yes">
        <location line="+95"/>
        <source>Imported %n case(s).</source>
        <translation>
            <numerusform>Импортирован %n случай.</numerusform>
            <numerusform>Импортировано %n случая.</numerusform>
            <numerusform>Импортировано %n случаев.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+37"/>
        <source>Imported %n case(s) from “%1”.</source>
        <translation>
            <numerusform>Импортирован %n случай из «%1».</numerusform>
            <numerusform>Импортировано %n случая из «%1».</numerusform>
            <numerusform>Импортировано %n случаев из «%1».</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n thing(s) to check are listed under the editor.</source>
        <translation>
            <numerusform>%n замечание показано под редактором.</numerusform>
            <numerusform>%n замечания показаны под редактором.</numerusform>
            <numerusform>%n замечаний показаны под редактором.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-126"/>
        <source>“%1” is in the trash.</source>
        <translation>«%1» в корзине.</translation>
    </message>
    <message>
        <location line="-167"/>
        <location line="+168"/>
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open trash</source>
        <translation>Открыть корзину</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The exported version is now the current one (version %1).</source>
        <translation>Экспортированная версия стала текущей (версия %1).</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Nothing was restored</source>
        <translation>Ничего не восстановлено</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Restored from %1. The library as it was is kept as %2.</source>
        <translation>Восстановлено из %1. Прежняя библиотека сохранена как %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restored from %1.</source>
        <translation>Восстановлено из %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+34"/>
        <source>Import case file</source>
        <translation>Импорт файла случая</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>CaseDesk case files (*.casedesk.json *.json)</source>
        <translation>Файлы случаев CaseDesk (*.casedesk.json *.json)</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+37"/>
        <source>Nothing was imported</source>
        <translation>Ничего не импортировано</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>“%3” holds %2 cases. Already in your library, unchanged: %1 of them. Import all %2 anyway? The ones already there would then be in it twice.</source>
        <translation>Случаев в файле «%3»: %2. Уже есть в вашей библиотеке без изменений: %1. Всё равно импортировать все %2? Те, что уже есть, окажутся в библиотеке дважды.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import all</source>
        <translation>Импортировать все</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was imported from “%1”.</source>
        <translation>Из «%1» ничего не импортировано.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“%1” is already in your library, unchanged, so it was not imported again.</source>
        <translation>Файл «%1» уже есть в вашей библиотеке без изменений, поэтому повторно не импортирован.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Venue profile</source>
        <translation>Профиль места публикации</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>That text has changed since it was checked; the checks follow shortly.</source>
        <translation>Этот текст изменился после проверки; проверки скоро обновятся.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date wording</source>
        <translation>Формулировка даты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reworded: %1. Ctrl+Z takes it back.</source>
        <translation>Изменена формулировка: %1. Ctrl+Z отменяет.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Copy section</source>
        <translation>Копирование раздела</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Section to copy as plain text:</source>
        <translation>Раздел, который скопировать как простой текст:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copied “%1” to the clipboard.</source>
        <translation>Раздел «%1» скопирован в буфер обмена.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>About CaseDesk</source>
        <translation>О программе CaseDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CaseDesk %1 — turns a clinical case into a conference abstract, offline.</source>
        <translation>CaseDesk %1 — превращает клинический случай в тезисы для конференции, без подключения к сети.</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>Changes not saved</source>
        <translation>Изменения не сохранены</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your last changes could not be stored: %1 Close anyway and lose them?</source>
        <translation>Последние изменения не удалось сохранить: %1 Всё равно закрыть и потерять их?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close and lose them</source>
        <translation>Закрыть без сохранения</translation>
    </message>
</context>
<context>
    <name>PartialDateEdit</name>
    <message>
        <location filename="../../casedesk/ui/widgets/partial_date.py" line="+17"/>
        <source>year only</source>
        <translation>известен только год</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>month known</source>
        <translation>известен месяц</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>day known</source>
        <translation>известен день</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>e.g. 2017, 04.2009, 19.12.2023</source>
        <translation>напр. 2017, 04.2009, 19.12.2023</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <location filename="../../casedesk/ui/preview.py" line="+136"/>
        <location line="+36"/>
        <source>No case open</source>
        <translation>Случай не открыт</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Character and word count</source>
        <translation>Число знаков и слов</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Updating preview…</source>
        <translation>Обновление предпросмотра…</translation>
    </message>
    <message numerus="yes">
        <location line="+47"/>
        <source>%n text(s) in another language than the report (see Checks)</source>
        <translation>
            <numerusform>%n текст на другом языке, чем отчёт (см. «Проверки»)</numerusform>
            <numerusform>%n текста на другом языке, чем отчёт (см. «Проверки»)</numerusform>
            <numerusform>%n текстов на другом языке, чем отчёт (см. «Проверки»)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 characters · %2 words</source>
        <translation>знаков: %1 · слов: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>within the limit</source>
        <translation>в пределах лимита</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>close to the limit</source>
        <translation>близко к лимиту</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OVER the limit by %1</source>
        <translation>лимит ПРЕВЫШЕН на %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 of %2 words for %3 — %4</source>
        <translation>слов: %1 из %2 для «%3» — %4</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 of %2 characters for %3 — %4</source>
        <translation>знаков: %1 из %2 для «%3» — %4</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The preview could not be made: %1</source>
        <translation>Не удалось построить предпросмотр: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n страница</numerusform>
            <numerusform>%n страницы</numerusform>
            <numerusform>%n страниц</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordListEditor</name>
    <message>
        <location filename="../../casedesk/ui/widgets/record_list.py" line="+549"/>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move up</source>
        <translation>Выше</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down</source>
        <translation>Ниже</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Add a row after the current one</source>
        <translation>Добавить строку после текущей</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected rows</source>
        <translation>Удалить выбранные строки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the current row up</source>
        <translation>Переместить текущую строку вверх</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the current row down</source>
        <translation>Переместить текущую строку вниз</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Select a row above, or add one (%1)</source>
        <translation>Выберите строку выше или добавьте новую (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>None yet: Add (%1) starts one</source>
        <translation>Пока нет ни одной: «Добавить» (%1) создаёт первую</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %2 of %3</source>
        <translation>%1 %2 из %3</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <location line="-383"/>
        <source>Row %1</source>
        <translation>Строка %1</translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <location filename="../../casedesk/ui/trash_dialog.py" line="+19"/>
        <source>Trash</source>
        <translation>Корзина</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The trash is empty.</source>
        <translation>Корзина пуста.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Restore</source>
        <translation>&amp;Восстановить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Empty trash…</source>
        <translation>&amp;Очистить корзину…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cases in the trash stay here until you empty it.</source>
        <translation>Случаи хранятся в корзине, пока вы её не очистите.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Empty trash</source>
        <translation>Очистить корзину</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete the %n case(s) in the trash for good? This cannot be undone.</source>
        <translation>
            <numerusform>Удалить %n случай из корзины навсегда? Это нельзя отменить.</numerusform>
            <numerusform>Удалить %n случая из корзины навсегда? Это нельзя отменить.</numerusform>
            <numerusform>Удалить %n случаев из корзины навсегда? Это нельзя отменить.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete for good</source>
        <translation>Удалить навсегда</translation>
    </message>
</context>
<context>
    <name>VenueProfileForm</name>
    <message>
        <location filename="../../casedesk/ui/venue_dialog.py" line="+64"/>
        <location line="+184"/>
        <source>ID</source>
        <translation>Идентификатор</translation>
    </message>
    <message>
        <location line="-183"/>
        <location line="+184"/>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <location line="-183"/>
        <source>Verified</source>
        <translation>Проверен</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+184"/>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <location line="-183"/>
        <location line="+184"/>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <location line="-183"/>
        <source>Length limit</source>
        <translation>Лимит объёма</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counted in</source>
        <translation>Единица подсчёта</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spaces count</source>
        <translation>Пробелы считаются</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The title counts</source>
        <translation>Название считается</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Section headings count</source>
        <translation>Заголовки разделов считаются</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authors, affiliations, e-mail and licence count</source>
        <translation>Авторы, аффилиации, эл. почта и лицензия считаются</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>References count</source>
        <translation>Литература считается</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tables count</source>
        <translation>Таблицы считаются</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Most authors</source>
        <translation>Наибольшее число авторов</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Figures allowed</source>
        <translation>Допустимо рисунков</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+187"/>
        <source>Tables allowed</source>
        <translation>Допустимо таблиц</translation>
    </message>
    <message>
        <location line="-186"/>
        <source>Title style</source>
        <translation>Стиль названия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest title</source>
        <translation>Предельная длина названия</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+188"/>
        <source>Headings</source>
        <translation>Заголовки</translation>
    </message>
    <message>
        <location line="-187"/>
        <source>Licence line</source>
        <translation>Строка лицензии</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dates published as</source>
        <translation>Даты в публикации</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+109"/>
        <source>Accepts case reports</source>
        <translation>Принимает клинические случаи</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>characters</source>
        <translation>знаки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>words</source>
        <translation>слова</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>As typed</source>
        <translation>Как введено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title Case</source>
        <translation>Каждое Слово С Прописной</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UPPER CASE</source>
        <translation>ВСЕ ПРОПИСНЫЕ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>As recorded (19.12.2023)</source>
        <translation>Как записано (19.12.2023)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month and year (December 2023)</source>
        <translation>Месяц и год (декабрь 2023)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year only (2023)</source>
        <translation>Только год (2023)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relative (day 1, month 3, 2 years later)</source>
        <translation>Относительно (день 1, месяц 3, через 2 года)</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Verified: every number was read from the venue&apos;s own rules</source>
        <translation>Проверен: каждое число взято из правил самого места публикации</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Heading</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The heading as the venue wants it printed.</source>
        <translation>Заголовок в том виде, в каком его требует место публикации.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case sections under it</source>
        <translation>Разделы случая под ним</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case sections, from: %1.</source>
        <translation>Разделы случая, из списка: %1.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>e.g. eha-2025</source>
        <translation>напр. eha-2025</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file name and how cases refer to the profile: lower-case letters, digits and hyphens. It can be changed only right after New or Copy.</source>
        <translation>Имя файла и то, как случаи ссылаются на профиль: строчные латинские буквы, цифры и дефисы. Изменить можно только сразу после «Новый» или «Копировать».</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>As shown in CaseDesk, e.g. EHA Congress 2025</source>
        <translation>Как показывать в CaseDesk, напр. Конгресс гематологов 2025</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave unticked while any number still needs checking against the venue&apos;s rules.</source>
        <translation>Не отмечайте, пока хоть одно число не сверено с правилами места публикации.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the rules come from: a web address, the call for abstracts</source>
        <translation>Откуда взяты правила: веб-адрес, приглашение к подаче тезисов</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What else the author should know</source>
        <translation>Что ещё нужно знать автору</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+9"/>
        <source>no limit</source>
        <translation>без ограничения</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Characters only: with words, spaces never count.</source>
        <translation>Только для знаков: при подсчёте слов пробелы не считаются.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The author line, affiliations, venue line, e-mail and licence sentence.</source>
        <translation>Строка авторов, аффилиации, строка места публикации, эл. почта и текст лицензии.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CaseDesk prints no tables yet.</source>
        <translation>CaseDesk пока не печатает таблицы.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not stated</source>
        <translation>не указано</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>0: no figures allowed.</source>
        <translation>0 — рисунки не допускаются.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>0: no tables allowed.</source>
        <translation>0 — таблицы не допускаются.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> characters</source>
        <translation> знаков</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Empty: the case&apos;s own licence sentence</source>
        <translation>Пусто — текст лицензии из случая</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Case sections: %1.</source>
        <translation>Разделы случая: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profile</source>
        <translation>Профиль</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Length</source>
        <translation>Объём</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in</source>
        <translation>единица:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>What counts</source>
        <translation>Что считается</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Authors, figures and title</source>
        <translation>Авторы, рисунки и название</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The venue&apos;s own headings, each with the case sections printed under it (keys separated by commas). Leave empty to keep the case&apos;s own headings.</source>
        <translation>Собственные заголовки места публикации, под каждым — разделы случая (ключи через запятую). Оставьте пустым, чтобы сохранить заголовки случая.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Publishing</source>
        <translation>Публикация</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>characters</source>
        <comment>after a number</comment>
        <translation>знаков</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>words</source>
        <comment>after a number</comment>
        <translation>слов</translation>
    </message>
</context>
<context>
    <name>VenueProfiles</name>
    <message>
        <location filename="../../casedesk/ui/i18n.py" line="+142"/>
        <source>No venue rules</source>
        <translation>Без правил</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No limit; the case&apos;s own headings.</source>
        <translation>Без ограничения объёма; заголовки самого случая.</translation>
    </message>
</context>
<context>
    <name>VenueProfilesDialog</name>
    <message>
        <location filename="../../casedesk/ui/venue_dialog.py" line="+16"/>
        <source>Bundled profiles are read-only: copy one to change it.</source>
        <translation>Встроенные профили доступны только для чтения: чтобы изменить профиль, скопируйте его.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;New</source>
        <translation>&amp;Новый</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Copy</source>
        <translation>&amp;Копировать</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Удалить…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Use for this case</source>
        <translation>&amp;Применить к случаю</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+2"/>
        <source>Venue profiles</source>
        <translation>Профили мест публикации</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>A new profile of your own, with no limits yet</source>
        <translation>Новый собственный профиль, пока без ограничений</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A profile of your own with the selected one&apos;s rules</source>
        <translation>Собственный профиль с правилами выбранного</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes are saved as you make them; this saves at once</source>
        <translation>Изменения сохраняются по ходу работы; эта кнопка сохраняет сразу</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the selected profile of your own</source>
        <translation>Удалить выбранный собственный профиль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The selected profile becomes the case&apos;s venue rules</source>
        <translation>Выбранный профиль станет правилами места публикации для случая</translation>
    </message>
    <message>
        <location line="+83"/>
        <location line="+215"/>
        <source>Could not save the profile: %1</source>
        <translation>Не удалось сохранить профиль: %1</translation>
    </message>
    <message>
        <location line="-200"/>
        <location line="+207"/>
        <source>Saved as %1.</source>
        <translation>Сохранено как %1.</translation>
    </message>
    <message>
        <location line="-171"/>
        <source>Some of your profile files cannot be read:</source>
        <translation>Некоторые файлы ваших профилей не удаётся прочитать:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>bundled</source>
        <translation>встроенный</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yours, in place of the bundled one</source>
        <translation>ваш, вместо встроенного</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not verified</source>
        <translation>не проверен</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>ID: use lower-case letters, digits and hyphens, starting with a letter or digit (at most 64), e.g. eha-2025.</source>
        <translation>Идентификатор: строчные латинские буквы, цифры и дефисы, в начале буква или цифра (не более 64 знаков), напр. eha-2025.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ID: “%1” is taken by another profile.</source>
        <translation>Идентификатор: «%1» уже занят другим профилем.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name: a profile needs a name.</source>
        <translation>Название: у профиля должно быть название.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Headings, row %1</source>
        <translation>Заголовки, строка %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>: the heading has no text.</source>
        <translation>: у заголовка нет текста.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>: name at least one case section under “%1”.</source>
        <translation>: укажите хотя бы один раздел случая под «%1».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>: there is no case section “%1”; choose from %2.</source>
        <translation>: раздела случая «%1» нет; выберите из: %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>: “%1” is already under “%2”.</source>
        <translation>: «%1» уже стоит под «%2».</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The changes to “%1” cannot be saved:
%2

Discard them?</source>
        <translation>Изменения в «%1» нельзя сохранить:
%2

Отменить их?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discard changes</source>
        <translation>Отменить изменения</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>My venue</source>
        <translation>Моё место публикации</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 (copy)</source>
        <translation>%1 (копия)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (copy %2)</source>
        <translation>%1 (копия %2)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Delete venue profile</source>
        <translation>Удалить профиль места публикации</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the venue profile “%1”? Cases that use it will have no venue rules until you choose another.</source>
        <translation>Удалить профиль места публикации «%1»? У случаев, которые его используют, не будет правил, пока вы не выберете другой.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not delete the profile: %1</source>
        <translation>Не удалось удалить профиль: %1</translation>
    </message>
</context>
<context>
    <name>_GeneratedSection</name>
    <message>
        <location filename="../../casedesk/ui/editor.py" line="-557"/>
        <source>Use my text instead of the generated text</source>
        <translation>Использовать мой текст вместо сформированного</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>%1, your text</source>
        <translation>%1: ваш текст</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1, your text instead of the generated</source>
        <translation>%1: ваш текст вместо созданного</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Generated from the data above:</source>
        <translation>Сформировано по данным выше:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your text (added after the generated text, or replacing it):</source>
        <translation>Ваш текст (добавляется после сформированного или заменяет его):</translation>
    </message>
</context>
</TS>
