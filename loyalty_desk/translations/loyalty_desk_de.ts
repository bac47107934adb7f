<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name></name>
    <message>
        <source>The language changes when Loyalty Desk starts again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
